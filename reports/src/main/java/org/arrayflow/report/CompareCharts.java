package org.arrayflow.report;

import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Map;

/**
 * Charts over one or more runs of the same workload: network energy by component, the roofline with every
 * layer as a point, per-layer latency side by side, and headline metrics normalised to the first run.
 * Each run keeps its colour ({@link Palette#series}) in every chart. Reads results only.
 */
public final class CompareCharts {
    private CompareCharts() {}

    /** The headline metrics of the normalised chart, in order, with their units for the table. */
    public static final List<String> METRICS = List.of("latency", "energy", "EDP", "DRAM bytes", "energy/MAC");

    /** Whether a run has the metric: the energy ones need energy figures. */
    static boolean has(RunMetrics m, String name) {
        return m.energyModelled() || name.equals("latency") || name.equals("DRAM bytes");
    }

    /** The metric of one run relative to the reference run, or null when either lacks it or the reference is 0. */
    static Double ratio(RunMetrics m, RunMetrics base, String name) {
        double b = metric(base, name);
        if (!has(m, name) || !has(base, name)) {
            return null;
        }
        return b == 0 ? 0 : metric(m, name) / b;
    }

    static double metric(RunMetrics m, String name) {
        switch (name) {
            case "latency": return m.latencyS();
            case "energy": return m.energyJ();
            case "EDP": return m.edpJs();
            case "DRAM bytes": return m.dramBytes();
            case "energy/MAC": return m.pjPerMac();
            default: throw new IllegalArgumentException(name);
        }
    }

    /** Network energy split by component, one stacked bar per run. */
    public static JFreeChart energyByComponent(List<ReportRun> runs, Map<String, Color> colours, String title) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        List<String> components = List.copyOf(colours.keySet());
        for (ReportRun run : runs) {
            for (String comp : components) {
                d.addValue(run.result().energyPj(comp) / 1e6, comp, run.result().arch());
            }
        }
        BarRenderer br = ChartStyle.bars(new StackedBarRenderer());
        for (int i = 0; i < components.size(); i++) {
            br.setSeriesPaint(i, colours.get(components.get(i)));
        }
        br.setMaximumBarWidth(0.18);
        JFreeChart c = ChartStyle.categoryChart(d, title, ChartStyle.categoryAxis("architecture", runs.size()),
                ChartStyle.numberAxis("energy (µJ)"), br);
        StringBuilder sub = new StringBuilder();
        for (ReportRun run : runs) {
            RunMetrics m = RunMetrics.of(run.result());
            sub.append(sub.length() == 0 ? "" : ";  ").append(run.result().arch()).append(": ")
                    .append(Fmt.fixed(m.energyJ() * 1e6, 1)).append(" µJ, ").append(Fmt.fixed(m.pjPerMac(), 3))
                    .append(" pJ/MAC");
        }
        ChartStyle.subtitle(c, sub.toString());
        return c;
    }

    /**
     * DRAM roofline: x is MACs per DRAM byte of a layer, y its achieved GMAC/s (MACs / latency); roofs are PEs x rate x clock
     * and DRAM bandwidth x intensity. Layers without MACs or without DRAM traffic cannot sit on log axes and are
     * counted in the subtitle instead.
     */
    public static JFreeChart roofline(List<ReportRun> runs, String title) {
        XYSeriesCollection data = new XYSeriesCollection();
        double xmin = Double.MAX_VALUE;
        double xmax = 0;
        double ymin = Double.MAX_VALUE;
        double ymax = 0;
        int skipped = 0;
        XYSeries[] points = new XYSeries[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            NetworkResult r = runs.get(i).result();
            points[i] = new XYSeries(r.arch() + " layers", false, true);
            for (LayerResult l : r.layers()) {
                long bytes = RunMetrics.dramBytes(r, l);
                if (l.macs() == 0 || bytes == 0 || l.totalCycles() == 0) {
                    skipped++;
                    continue;
                }
                double x = (double) l.macs() / bytes;
                double y = l.macs() / (l.totalCycles() / (r.clockMhz() * 1e6)) / 1e9;
                points[i].add(x, y);
                xmin = Math.min(xmin, x);
                xmax = Math.max(xmax, x);
                ymin = Math.min(ymin, y);
                ymax = Math.max(ymax, y);
            }
        }
        for (ReportRun run : runs) {
            double ridge = run.arch().ridgeMacsPerByte();
            if (ridge > 0) {
                xmin = Math.min(xmin, ridge);
                xmax = Math.max(xmax, ridge);
            }
            ymax = Math.max(ymax, run.arch().peakGmacs());
        }
        if (xmax == 0) {
            xmin = 0.1;
            xmax = 10;
        }
        if (ymin == Double.MAX_VALUE) {
            ymin = ymax / 100;
        }
        xmin /= 2;
        xmax *= 2;
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        int s = 0;
        for (int i = 0; i < runs.size(); i++) {
            Color colour = Palette.series(i);
            data.addSeries(points[i]);
            renderer.setSeriesLinesVisible(s, false);
            renderer.setSeriesShapesVisible(s, true);
            renderer.setSeriesShape(s, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
            renderer.setSeriesPaint(s, colour);
            s++;
            ArchFacts a = runs.get(i).arch();
            XYSeries roof = new XYSeries(a.name() + " roof (" + Fmt.short3(a.peakGmacs()) + " GMAC/s, "
                    + Fmt.short3(a.dramGBps()) + " GB/s)", false, true);
            roof.add(xmin, Math.min(a.peakGmacs(), a.dramGBps() * xmin));
            double ridge = a.ridgeMacsPerByte();
            if (ridge > xmin && ridge < xmax) {
                roof.add(ridge, a.peakGmacs());
            }
            roof.add(xmax, Math.min(a.peakGmacs(), a.dramGBps() * xmax));
            ymin = Math.min(ymin, roof.getY(0).doubleValue());
            data.addSeries(roof);
            renderer.setSeriesLinesVisible(s, true);
            renderer.setSeriesShapesVisible(s, false);
            renderer.setSeriesPaint(s, colour);
            renderer.setSeriesStroke(s, new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                    new float[] {8, 4}, 0));
            s++;
        }
        LogAxis x = logAxis("operational intensity (MACs per DRAM byte)");
        x.setRange(xmin, xmax);
        LogAxis y = logAxis("achieved throughput (GMAC/s, 10^9 MACs/s)");
        y.setRange(Math.max(ymin / 2, 1e-6), ymax * 2);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        JFreeChart c = ChartStyle.chart(title, plot);
        ChartStyle.subtitle(c, "one point per layer; dashed: compute roof (PEs x rate x clock) and DRAM bandwidth slope"
                + (skipped == 0 ? "" : "; " + skipped + " layer(s) without MACs or DRAM traffic not shown"));
        return c;
    }

    private static LogAxis logAxis(String label) {
        LogAxis a = new LogAxis(label);
        a.setBase(10);
        a.setSmallestValue(1e-9);
        // ticks at whole powers of ten only: 0.1, 1, 10, 100 ...
        org.jfree.chart.axis.TickUnits units = new org.jfree.chart.axis.TickUnits();
        units.add(new org.jfree.chart.axis.NumberTickUnit(1));
        units.add(new org.jfree.chart.axis.NumberTickUnit(2));
        a.setStandardTickUnits(units);
        a.setMinorTickMarksVisible(true);
        a.setNumberFormatOverride(new Short3Format());
        ChartStyle.axis(a);
        return a;
    }

    /** Per-layer latency (µs) side by side, one bar per run in its colour. */
    public static JFreeChart latencyPerLayer(List<ReportRun> runs, String title) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        int layers = 0;
        for (ReportRun run : runs) {
            NetworkResult r = run.result();
            layers = Math.max(layers, r.layers().size());
            for (LayerResult l : r.layers()) {
                d.addValue(l.totalCycles() / r.clockMhz(), r.arch(), l.name());
            }
        }
        BarRenderer br = ChartStyle.bars(new BarRenderer());
        br.setItemMargin(0);
        for (int i = 0; i < runs.size(); i++) {
            br.setSeriesPaint(i, Palette.series(i));
        }
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (int r = 0; r < d.getRowCount(); r++) {
            for (int col = 0; col < d.getColumnCount(); col++) {
                Number n = d.getValue(r, col);
                if (n != null && n.doubleValue() > 0) {
                    lo = Math.min(lo, n.doubleValue());
                    hi = Math.max(hi, n.doubleValue());
                }
            }
        }
        org.jfree.chart.axis.ValueAxis y = ChartStyle.numberAxis("latency (µs)");
        if (hi / lo > 100) {
            // one architecture 100x slower than another flattens the others' bars to nothing on a linear axis
            LogBarAxis log = new LogBarAxis("latency (µs), log scale", lo, hi, false);
            br.setBase(log.getLowerBound());
            y = log;
        }
        return ChartStyle.categoryChart(d, title, ChartStyle.categoryAxis("layer", layers), y, br);
    }

    /** Latency, energy, EDP, DRAM bytes and energy per MAC of each run divided by those of the first run. */
    public static JFreeChart normalised(List<ReportRun> runs, String title) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        RunMetrics base = RunMetrics.of(runs.get(0).result());
        for (ReportRun run : runs) {
            RunMetrics m = RunMetrics.of(run.result());
            for (String metric : METRICS) {
                // no bar for a metric a run lacks (energy without energy figures)
                d.addValue(ratio(m, base, metric), run.result().arch(), metric);
            }
        }
        BarRenderer br = ChartStyle.bars(new BarRenderer());
        for (int i = 0; i < runs.size(); i++) {
            br.setSeriesPaint(i, Palette.series(i));
        }
        br.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new Short3Format()));
        br.setDefaultItemLabelsVisible(true);
        br.setDefaultItemLabelFont(ChartStyle.TICK);
        String label = "relative to " + runs.get(0).result().arch() + " (= 1.0, lower is better)";
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (int r = 0; r < d.getRowCount(); r++) {
            for (int col = 0; col < d.getColumnCount(); col++) {
                Number n = d.getValue(r, col);
                double v = n == null ? 0 : n.doubleValue();
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        org.jfree.chart.axis.ValueAxis y;
        if (hi / lo > 20) {
            // Ratios spanning more than 20x are unreadable on a linear axis: a log axis whose range takes in 1 with
            // room below, bars up from its lower bound, so the reference's 1.0 is a bar too (from 1.0 it had none).
            LogBarAxis log = new LogBarAxis(label + ", log scale", lo, hi, true);
            br.setBase(log.getLowerBound());
            y = log;
        } else {
            NumberAxis lin = ChartStyle.numberAxis(label);
            lin.setUpperMargin(0.12);
            y = lin;
        }
        JFreeChart c = ChartStyle.categoryChart(d, title, ChartStyle.categoryAxis("metric", METRICS.size()), y, br);
        ChartStyle.subtitle(c, "EDP = energy x latency; DRAM bytes = off-chip traffic; dashed line: "
                + runs.get(0).result().arch() + " = 1");
        ValueMarker one = new ValueMarker(1.0, Color.DARK_GRAY, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        c.getCategoryPlot().addRangeMarker(one, org.jfree.chart.ui.Layer.FOREGROUND);
        return c;
    }
}
