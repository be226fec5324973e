package org.arrayflow.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import org.jfree.chart.axis.NumberTickUnit;

import java.awt.BasicStroke;
import java.text.DecimalFormat;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The weight roofline of Jouppi et al. (ISCA 2017), for {@code arrayflow roofline}: x = MACs per weight byte
 * (log), y = TOPS at 2 ops per MAC (log), as the paper draws it; the roof is min(peak, x x bandwidth x 2), with
 * each workload's simulated point labelled. A different chart from the report's DRAM roofline
 * ({@link CompareCharts#roofline}: MACs per DRAM byte, GMAC/s, per layer), so it has its own name and title.
 */
public final class RooflineChart {
    /** The chart's file name (and the table's, {@code .csv}). */
    public static final String NAME = "weight_roofline";

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font POINT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private RooflineChart() {}

    /** One workload: its operational intensity, simulated TOPS and the roof above it. */
    public record Point(String name, double macsPerWeightByte, double simulatedTops, double boundTops) {}

    /**
     * @param peakTops        the array's peak (2 ops per MAC)
     * @param dramGbPerS      weight bandwidth, GB/s
     */
    public static JFreeChart chart(String arch, double peakTops, double dramGbPerS, List<Point> points) {
        double ridge = peakTops * 1e12 / 2 / (dramGbPerS * 1e9);
        double xMin = 10;
        double xMax = 20_000;
        for (Point p : points) {
            xMin = Math.min(xMin, p.macsPerWeightByte() / 2);
            xMax = Math.max(xMax, p.macsPerWeightByte() * 2);
        }
        XYSeries roof = new XYSeries("roofline (" + fmt(dramGbPerS) + " GB/s, " + fmt(peakTops) + " TOPS peak)");
        roof.add(xMin, 2 * xMin * dramGbPerS * 1e9 / 1e12);
        roof.add(ridge, peakTops);
        roof.add(xMax, peakTops);
        XYSeries sim = new XYSeries("simulated");
        for (Point p : points) {
            sim.add(p.macsPerWeightByte(), p.simulatedTops());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(roof);
        data.addSeries(sim);

        LogAxis x = new LogAxis("operational intensity: MACs per weight byte (log)");
        x.setBase(10);
        x.setSmallestValue(xMin);
        x.setRange(xMin, xMax);
        x.setLabelFont(LABEL);
        x.setTickUnit(new NumberTickUnit(1));
        x.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        LogAxis y = new LogAxis("TOPS: 10^12 ops/s, 2 ops per MAC (log)");
        y.setBase(10);
        double yMin = Math.max(0.01, Math.min(roof.getY(0).doubleValue(), points.stream()
                .mapToDouble(Point::simulatedTops).min().orElse(1)) / 2);
        y.setRange(yMin, peakTops * 2);
        y.setLabelFont(LABEL);
        y.setTickUnit(new NumberTickUnit(1));
        y.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        y.setMinorTickMarksVisible(true);
        x.setMinorTickMarksVisible(true);

        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, true);
        r.setSeriesShapesVisible(0, false);
        r.setSeriesPaint(0, new Color(0x1F4E79));
        r.setSeriesStroke(0, new BasicStroke(2.5f));
        r.setSeriesLinesVisible(1, false);
        r.setSeriesShapesVisible(1, true);
        r.setSeriesShape(1, new Ellipse2D.Double(-5, -5, 10, 10));
        r.setSeriesPaint(1, new Color(0xC0392B));
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            XYTextAnnotation a = new XYTextAnnotation(" " + p.name() + " " + fmt(p.simulatedTops()),
                    p.macsPerWeightByte(), p.simulatedTops());
            a.setFont(POINT);
            // Alternate label sides so neighbouring points (e.g. the two CNNs) stay readable.
            a.setTextAnchor(i % 2 == 0 ? TextAnchor.BOTTOM_LEFT : TextAnchor.TOP_LEFT);
            plot.addAnnotation(a);
        }
        XYTextAnnotation knee = new XYTextAnnotation("ridge " + fmt(ridge) + " MACs/B", ridge, peakTops);
        knee.setFont(POINT);
        knee.setTextAnchor(TextAnchor.BOTTOM_CENTER);
        plot.addAnnotation(knee);
        JFreeChart c = new JFreeChart("Weight roofline (TPU paper axes): " + arch, TITLE, plot, true);
        c.setBackgroundPaint(Color.WHITE);
        c.getLegend().setItemFont(LABEL);
        c.addSubtitle(new TextTitle("points: simulated TOPS of each workload at its MACs per weight byte", LABEL));
        return c;
    }

    public static void write(Path dir, String name, JFreeChart chart) throws IOException {
        ChartFiles.write(chart, dir, name, 1100, 750);
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
