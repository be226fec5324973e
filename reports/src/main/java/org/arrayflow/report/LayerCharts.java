package org.arrayflow.report;

import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Per-layer charts of one run: cycles split into compute and stall, energy by component, off-chip traffic
 * by tensor, and utilisation. Reads results only.
 */
public final class LayerCharts {
    static final int HEIGHT = 620;

    private LayerCharts() {}

    /**
     * All per-layer charts of a run, with the report's component colours and the run's colour; no energy chart
     * for a run whose inputs have no energy figures.
     */
    public static List<Chart> all(NetworkResult r, Map<String, Color> components, Color runColour) {
        int w = ChartStyle.layerChartWidth(LayerBars.of(r).size(), 1);
        String on = r.workload() + " on " + r.arch();
        List<Chart> out = new ArrayList<>();
        out.add(new Chart("cycles_per_layer", "Cycles per layer, compute vs stall (" + on + ")", cycles(r), w, HEIGHT));
        if (r.energyModelled()) {
            out.add(new Chart("energy_per_layer", "Energy per layer by component (" + on + ")", energy(r, components), w,
                    HEIGHT));
        }
        out.add(new Chart("dram_traffic_per_layer", "Off-chip traffic per layer by tensor (" + on + ")", dramTraffic(r),
                w, HEIGHT));
        out.add(new Chart("utilization_per_layer", "PE utilisation per layer (" + on + ")", utilization(r, runColour), w,
                HEIGHT));
        return out;
    }

    public static JFreeChart cycles(NetworkResult r) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (LayerBars b : LayerBars.of(r)) {
            d.addValue(b.computeCycles() / 1e3, "compute", b.label());
            d.addValue(b.stallCycles() / 1e3, "stall (waiting for data)", b.label());
        }
        BarRenderer br = ChartStyle.bars(new StackedBarRenderer());
        br.setSeriesPaint(0, Palette.COMPUTE);
        br.setSeriesPaint(1, Palette.STALL);
        JFreeChart c = layerChart(d, r, "Cycles per layer: " + r.workload() + " on " + r.arch(),
                "thousand cycles", br);
        ChartStyle.subtitle(c, String.format(Locale.ROOT,
                "total %s cycles (%.3f ms at %.0f MHz), %s stall, utilisation %.1f%%",
                Fmt.si(r.totalCycles()), r.seconds() * 1e3, r.clockMhz(), Fmt.si(r.stallCycles()),
                100 * r.utilization()));
        return c;
    }

    public static JFreeChart energy(NetworkResult r, Map<String, Color> colours) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        List<String> components = r.energyComponents();
        for (LayerBars b : LayerBars.of(r)) {
            for (String comp : components) {
                d.addValue(b.energyPj(comp) / 1e6, comp, b.label());
            }
        }
        BarRenderer br = ChartStyle.bars(new StackedBarRenderer());
        for (int i = 0; i < components.size(); i++) {
            br.setSeriesPaint(i, colours.get(components.get(i)));
        }
        JFreeChart c = layerChart(d, r, "Energy per layer by component: " + r.workload() + " on " + r.arch(),
                "energy (µJ)", br);
        ChartStyle.subtitle(c, String.format(Locale.ROOT, "total %.1f µJ, %.3f pJ/MAC",
                r.energyPj() / 1e6, r.macs() == 0 ? 0 : r.energyPj() / r.macs()));
        return c;
    }

    /** Off-chip (DRAM) bytes per layer, stacked by tensor. */
    public static JFreeChart dramTraffic(NetworkResult r) {
        String level = RunMetrics.dramLevel(r);
        Set<String> tensors = new LinkedHashSet<>();
        for (LayerResult l : r.layers()) {
            for (Traffic t : l.traffic()) {
                if (t.level().equals(level)) {
                    tensors.add(t.tensor());
                }
            }
        }
        List<String> order = new ArrayList<>(tensors);
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (LayerBars b : LayerBars.of(r)) {
            for (String tensor : order) {
                d.addValue(b.bytes(level, tensor) / 1e6, tensor, b.label());
            }
        }
        BarRenderer br = ChartStyle.bars(new StackedBarRenderer());
        for (int i = 0; i < order.size(); i++) {
            br.setSeriesPaint(i, Palette.tensor(order.get(i)));
        }
        JFreeChart c = layerChart(d, r, "Off-chip (" + level + ") traffic per layer: " + r.workload() + " on "
                + r.arch(), "DRAM traffic (MB, 10⁶ bytes)", br);
        ChartStyle.subtitle(c, String.format(Locale.ROOT, "total %.2f MB, %.1f MACs per DRAM byte",
                RunMetrics.dramBytes(r) / 1e6, RunMetrics.dramBytes(r) == 0 ? 0
                        : (double) r.macs() / RunMetrics.dramBytes(r)));
        return c;
    }

    /** MACs / (PEs x cycles) per layer, in percent; layers without MACs show as zero. */
    public static JFreeChart utilization(NetworkResult r, Color colour) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (LayerBars b : LayerBars.of(r)) {
            d.addValue(100 * b.utilization(r.peCount()), "utilisation", b.label());
        }
        BarRenderer br = ChartStyle.bars(new BarRenderer());
        br.setSeriesPaint(0, colour);
        br.setItemMargin(0);
        JFreeChart c = layerChart(d, r, "PE utilisation per layer: " + r.workload() + " on " + r.arch(),
                "utilisation (% of PE-cycles doing a MAC)", br);
        ((NumberAxis) c.getCategoryPlot().getRangeAxis()).setRange(0, 100);
        c.removeLegend();
        ChartStyle.subtitle(c, String.format(Locale.ROOT, "network %.1f%% of %s PEs over %s cycles",
                100 * r.utilization(), Fmt.grouped(r.peCount()), Fmt.grouped(r.totalCycles())));
        return c;
    }

    /** The chart over the bars; when they are layer families, the axis and title say so. */
    private static JFreeChart layerChart(DefaultCategoryDataset d, NetworkResult r, String title, String yLabel,
                                         BarRenderer br) {
        List<LayerBars> bars = LayerBars.of(r);
        boolean families = LayerBars.grouped(bars, r);
        String axis = families ? "layer family (" + Fmt.grouped(r.layers().size()) + " layers as " + bars.size()
                + ", each summed over the layers whose names differ only in their numbers, shown as #)" : "layer";
        return ChartStyle.categoryChart(d, title, ChartStyle.categoryAxis(axis, bars.size()),
                ChartStyle.numberAxis(yLabel), br);
    }
}
