package org.arrayflow.report;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A vertical log axis for bar charts: its range runs from a tick value below half the smallest bar to 1.6 times
 * the largest (for ratios to a reference, always taking in 1), so bars drawn up from the axis' lower bound are all
 * visible, the reference's 1.0 included; its labelled ticks run 1-2-5 per decade (1-3 past three decades, powers
 * of ten past six) so even a narrow range has several.
 */
final class LogBarAxis extends LogAxis {
    private static final long serialVersionUID = 1L;
    private static final DecimalFormat LABEL = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));

    /** An axis for bars from {@code lo} to {@code hi} (both above 0); with {@code withOne} its range takes in 1. */
    LogBarAxis(String label, double lo, double hi, boolean withOne) {
        super(label);
        setBase(10);
        setSmallestValue(1e-9);
        setNumberFormatOverride(LABEL);
        setMinorTickMarksVisible(false);
        ChartStyle.axis(this);
        double[] r = withOne ? range(Math.min(lo, 1.0), Math.max(hi, 1.0)) : range(lo, hi);
        setRange(r[0], r[1]);
    }

    /** Lower bound: the 1-2-5 value next below half of {@code lo}; upper: 1.6 times {@code hi} (room for labels). */
    static double[] range(double lo, double hi) {
        double min = lo / 2;
        double decade = Math.pow(10, Math.floor(Math.log10(min)));
        double lower = decade;
        for (double m : new double[] {5, 2, 1}) {
            if (m * decade <= min * (1 + 1e-12)) {
                lower = m * decade;
                break;
            }
        }
        return new double[] {lower, hi * 1.6};
    }

    /** The labelled tick values in [lower, upper]. */
    static List<Double> tickValues(double lower, double upper) {
        double decades = Math.log10(upper / lower);
        double[] steps = decades <= 3 ? new double[] {1, 2, 5} : decades <= 6 ? new double[] {1, 3} : new double[] {1};
        List<Double> ticks = new ArrayList<>();
        for (int e = (int) Math.floor(Math.log10(lower)); e <= (int) Math.ceil(Math.log10(upper)); e++) {
            for (double s : steps) {
                // round to kill binary noise: 0.1 x 2 is 0.2, not 0.20000000000000004
                double v = Double.parseDouble(String.format(Locale.ROOT, "%.12g", s * Math.pow(10, e)));
                if (v >= lower * (1 - 1e-9) && v <= upper * (1 + 1e-9)) {
                    ticks.add(v);
                }
            }
        }
        return ticks;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        List<NumberTick> ticks = new ArrayList<>();
        TextAnchor anchor = edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT;
        for (double v : tickValues(getLowerBound(), getUpperBound())) {
            // below 1, significant digits: a fixed number of decimals would print 0.0005 as 0
            ticks.add(new NumberTick(TickType.MAJOR, v, v >= 1 ? LABEL.format(v) : Fmt.short3(v), anchor, anchor, 0.0));
        }
        return ticks;
    }
}
