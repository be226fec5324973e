package org.arrayflow.report;

import org.arrayflow.sweep.Metric;
import org.arrayflow.sweep.PointRow;
import org.arrayflow.sweep.SweepTable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Charts of a finished sweep: one Pareto chart per metric pair (every point in light grey, the front of
 * each workload as a coloured staircase) and one sensitivity chart per axis (best latency and best
 * energy for each value of the axis, the other axes at their best). Reads the result table only.
 */
public final class SweepCharts {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color CLOUD = new Color(0xBBBBBB);

    private SweepCharts() {}

    /** Writes {@code pareto_<a>_vs_<b>.png/.svg} and {@code sensitivity_<axis>.png/.svg}; returns the names. */
    public static List<String> writeAll(SweepTable t, List<Metric[]> pareto, Path dir, String title) throws IOException {
        List<String> names = new ArrayList<>();
        for (Metric[] p : pareto) {
            String name = "pareto_" + p[0].column() + "_vs_" + p[1].column();
            ChartFiles.write(pareto(t, p[0], p[1], title), dir, name, 1000, 700);
            names.add(name);
        }
        for (int a = 0; a < t.axisKeys().size(); a++) {
            String name = "sensitivity_" + t.axisKeys().get(a).replace('.', '_');
            ChartFiles.write(sensitivity(t, a, title), dir, name, 1000, 800);
            names.add(name);
        }
        return names;
    }

    public static JFreeChart pareto(SweepTable t, Metric a, Metric b, String title) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries cloud = new XYSeries("all points", false, true);
        Set<String> front = t.front(a, b);
        List<String> workloads = t.workloads();
        List<XYSeries> fronts = new ArrayList<>();
        int total = 0;
        int onFront = 0;
        for (String w : workloads) {
            XYSeries s = new XYSeries("Pareto front: " + w, false, true);
            List<PointRow> pts = new ArrayList<>();
            for (PointRow r : t.ok(w)) {
                cloud.add(r.metric(a) * scale(a), r.metric(b) * scale(b));
                total++;
                if (front.contains(r.id())) {
                    pts.add(r);
                }
            }
            pts.sort(Comparator.comparingDouble((PointRow r) -> r.metric(a)).thenComparingDouble(r -> r.metric(b)));
            for (PointRow r : pts) {
                s.add(r.metric(a) * scale(a), r.metric(b) * scale(b));
            }
            onFront += pts.size();
            fronts.add(s);
        }
        data.addSeries(cloud);
        fronts.forEach(data::addSeries);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, false);
        renderer.setSeriesPaint(0, CLOUD);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
        for (int i = 0; i < fronts.size(); i++) {
            renderer.setSeriesPaint(i + 1, Palette.series(i));
            renderer.setSeriesStroke(i + 1, new BasicStroke(2f));
            renderer.setSeriesShape(i + 1, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        XYPlot plot = new XYPlot(data, axis(label(a), cloud, true), axis(label(b), cloud, false), renderer);
        style(plot);
        JFreeChart chart = new JFreeChart("Pareto front, " + a.column() + " vs " + b.column() + ": " + title, TITLE,
                plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(LABEL);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "%d design points, %d on the front%s", total,
                onFront, (a.minimise() && b.minimise()) ? " (lower left is better)" : ""), LABEL));
        return chart;
    }

    /** A log axis when the values span more than two decades, else linear without forced zero. */
    private static ValueAxis axis(String label, XYSeries s, boolean x) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < s.getItemCount(); i++) {
            double v = (x ? s.getX(i) : s.getY(i)).doubleValue();
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        ValueAxis ax;
        if (min > 0 && max / min > 100) {
            LogAxis log = new LogAxis(label);
            log.setSmallestValue(min / 2);
            // ticks at whole powers of ten, labelled 1E6 rather than 10^6.0
            log.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
            log.setNumberFormatOverride(new DecimalFormat("0.#E0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            ax = log;
        } else {
            NumberAxis n = new NumberAxis(label);
            n.setAutoRangeIncludesZero(false);
            ax = n;
        }
        ax.setLabelFont(LABEL);
        ax.setTickLabelFont(TICK);
        return ax;
    }

    public static JFreeChart sensitivity(SweepTable t, int axis, String title) {
        String key = t.axisKeys().get(axis);
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(new CategoryAxis(key));
        plot.getDomainAxis().setLabelFont(LABEL);
        plot.getDomainAxis().setTickLabelFont(TICK);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        boolean first = true;
        for (Metric m : List.of(Metric.LATENCY_S, Metric.ENERGY_J)) {
            DefaultCategoryDataset d = new DefaultCategoryDataset();
            double largest = 0;
            for (String w : t.workloads()) {
                for (Map.Entry<String, Double> e : t.sensitivity(w, axis, m).entrySet()) {
                    double v = e.getValue() * scale(m);
                    d.addValue(Double.isNaN(v) ? null : v, w, e.getKey());
                    if (!Double.isNaN(v)) {
                        largest = Math.max(largest, Math.abs(v));
                    }
                }
            }
            NumberAxis y = new NumberAxis("best " + label(m));
            if (largest > 0) {
                // a metric the axis does not change is a flat line, not a range of identical tick labels
                y.setAutoRangeMinimumSize(largest * 0.05);
            }
            y.setLabelFont(LABEL);
            y.setTickLabelFont(TICK);
            y.setAutoRangeIncludesZero(false);
            LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
            for (int i = 0; i < t.workloads().size(); i++) {
                r.setSeriesPaint(i, Palette.series(i));
                r.setSeriesStroke(i, new BasicStroke(2f));
            }
            r.setDefaultSeriesVisibleInLegend(first);
            first = false;
            CategoryPlot sub = new CategoryPlot(d, null, y, r);
            sub.setBackgroundPaint(Color.WHITE);
            sub.setRangeGridlinePaint(new Color(0xDDDDDD));
            plot.add(sub, 1);
        }
        JFreeChart chart = new JFreeChart("Sensitivity to " + key + ": " + title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(LABEL);
        chart.addSubtitle(new TextTitle("each value's best point (the other axes at their best for that metric)", LABEL));
        return chart;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    }

    /**
     * The files hold seconds, joules and bytes; a chart shows the units a reader compares with (docs/outputs.md,
     * "Units"): ms, µJ, µJ·ms, MB, KiB. {@link #label} names them.
     */
    static double scale(Metric m) {
        switch (m) {
            case LATENCY_S: return 1e3;
            case ENERGY_J: return 1e6;
            case EDP_J_S: return 1e9;
            case DRAM_BYTES: return 1e-6;
            case SRAM_BYTES: return 1.0 / 1024;
            default: return 1;
        }
    }

    static String label(Metric m) {
        switch (m) {
            case LATENCY_CYCLES: return "latency (cycles)";
            case LATENCY_S: return "latency (ms)";
            case ENERGY_J: return "energy (µJ)";
            case EDP_J_S: return "energy-delay product (µJ·ms)";
            case DRAM_BYTES: return "DRAM traffic (MB, 10^6 bytes)";
            case SRAM_BYTES: return "on-chip buffers (KiB)";
            case UTILIZATION: return "PE utilisation";
            case AREA_MM2: return "area proxy (mm², 45 nm)";
            default: return m.column();
        }
    }
}
