package org.arrayflow.report;

import org.arrayflow.io.OutputFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a chart as PNG and SVG side by side ({@code name.png}, {@code name.svg}). The SVG is deterministic:
 * its element ids start with the chart's name (JFreeSVG's default prefix comes from the clock) and
 * coordinates are rounded to two decimals, which also keeps the files small.
 */
public final class ChartFiles {
    static {
        // Rotated labels (vertical axis titles) as plain drawString calls. JFreeChart's default draws them through
        // a TextLayout, which JFreeSVG turns into glyph outlines in one JVM and into <text> in another (the
        // surefire JVM and a standalone run differed), so SVG bytes depended on the process; the workaround it
        // stands for is for a Java 1.4 bug.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private ChartFiles() {}

    /** Writes a chart that is not part of an HTML report (its caption is its name). */
    public static void write(JFreeChart chart, Path dir, String name, int width, int height) throws IOException {
        write(new Chart(name, name, chart, width, height), dir);
    }

    /** Writes PNG and SVG and returns the SVG document. */
    public static String write(Chart c, Path dir) throws IOException {
        ChartLocale.fix(c.chart());
        OutputFiles.write(dir.resolve(c.name() + ".png"),
                out -> ChartUtils.writeChartAsPNG(out, c.chart(), c.width(), c.height()));
        String svg = svg(c);
        OutputFiles.writeString(dir.resolve(c.name() + ".svg"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n");
        return svg;
    }

    /** The chart as one {@code <svg>} element, fit to inline into HTML (ids unique per chart name). */
    public static String svg(Chart c) {
        ChartLocale.fix(c.chart());
        SVGGraphics2D g = new SVGGraphics2D(c.width(), c.height());
        g.setDefsKeyPrefix(idSafe(c.name()) + "-");
        g.setGeomDoubleConverter(ChartFiles::round);
        g.setTransformDoubleConverter(ChartFiles::round);
        c.chart().draw(g, new Rectangle(0, 0, c.width(), c.height()));
        String doc = g.getSVGElement(idSafe(c.name()), true, new ViewBox(0, 0, c.width(), c.height()),
                PreserveAspectRatio.XMID_YMID, MeetOrSlice.MEET);
        g.dispose();
        return doc;
    }

    static String round(double v) {
        String s = Fmt.fixed(v, 2);
        // trim trailing zeros: 12.50 -> 12.5, 3.00 -> 3
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        return s.equals("-0") ? "0" : s;
    }

    static String idSafe(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
