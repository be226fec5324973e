package org.arrayflow.report;

import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Per-layer charts of one run: cycles split into compute and stall, and energy split by component.
 * Reads results only.
 */
public final class LayerCharts {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private LayerCharts() {}

    public static void writeAll(NetworkResult r, Path dir) throws IOException {
        int width = Math.max(1000, Math.min(4000, 140 + 18 * r.layers().size()));
        ChartFiles.write(cycles(r), dir, "cycles_per_layer", width, 620);
        ChartFiles.write(energy(r), dir, "energy_per_layer", width, 620);
    }

    public static JFreeChart cycles(NetworkResult r) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (LayerResult l : r.layers()) {
            d.addValue(l.computeCycles() / 1e3, "compute", l.name());
            d.addValue(l.stallCycles() / 1e3, "stall", l.name());
        }
        JFreeChart c = stacked(d, "Cycles per layer: " + r.workload() + " on " + r.arch(), "thousand cycles");
        BarRenderer br = (BarRenderer) c.getCategoryPlot().getRenderer();
        br.setSeriesPaint(0, Palette.COMPUTE);
        br.setSeriesPaint(1, Palette.STALL);
        c.addSubtitle(new TextTitle(String.format(java.util.Locale.ROOT,
                "total %s cycles (%.3f ms at %.0f MHz), %s stall, utilisation %.1f%%",
                Fmt.si(r.totalCycles()), r.seconds() * 1e3, r.clockMhz(), Fmt.si(r.stallCycles()),
                100 * r.utilization()), LABEL));
        return c;
    }

    public static JFreeChart energy(NetworkResult r) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        List<String> components = r.energyComponents();
        for (LayerResult l : r.layers()) {
            for (String comp : components) {
                d.addValue(l.energyPj(comp) / 1e6, comp, l.name());
            }
        }
        JFreeChart c = stacked(d, "Energy per layer by component: " + r.workload() + " on " + r.arch(), "energy (µJ)");
        BarRenderer br = (BarRenderer) c.getCategoryPlot().getRenderer();
        for (int i = 0; i < components.size(); i++) {
            br.setSeriesPaint(i, Palette.component(components.get(i)));
        }
        c.addSubtitle(new TextTitle(String.format(java.util.Locale.ROOT, "total %.1f µJ, %.3f pJ/MAC",
                r.energyPj() / 1e6, r.macs() == 0 ? 0 : r.energyPj() / r.macs()), LABEL));
        return c;
    }

    static JFreeChart stacked(DefaultCategoryDataset d, String title, String yLabel) {
        CategoryAxis x = new CategoryAxis("layer");
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        x.setTickLabelFont(TICK);
        x.setLabelFont(LABEL);
        x.setCategoryMargin(0.1);
        x.setLowerMargin(0.005);
        x.setUpperMargin(0.005);
        NumberAxis y = new NumberAxis(yLabel);
        y.setLabelFont(LABEL);
        y.setTickLabelFont(TICK);
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        CategoryPlot plot = new CategoryPlot(d, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(LABEL);
        return chart;
    }
}
