package org.arrayflow.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * Makes a chart's numbers the same on every machine. JFreeChart formats tick labels with formats it creates
 * in the JVM's default locale (a German machine writes "1.000" for 1,000, an Arabic one Arabic-Indic digits),
 * so before a chart is drawn every value axis gets formats with {@link Locale#ROOT} symbols: the same
 * patterns, so an English machine's charts are unchanged, and the same on any other.
 */
final class ChartLocale {
    private static final DecimalFormatSymbols ROOT = DecimalFormatSymbols.getInstance(Locale.ROOT);

    private ChartLocale() {}

    /** Fixes every value axis of the chart's plot and subplots, in place (repeating it changes nothing). */
    static void fix(JFreeChart chart) {
        plot(chart.getPlot());
    }

    private static void plot(Plot p) {
        if (p instanceof CombinedDomainCategoryPlot c) {
            for (Object sub : c.getSubplots()) {
                plot((Plot) sub);
            }
        }
        if (p instanceof CombinedDomainXYPlot c) {
            for (Object sub : c.getSubplots()) {
                plot((Plot) sub);
            }
        }
        if (p instanceof CategoryPlot c) {
            for (int i = 0; i < c.getRangeAxisCount(); i++) {
                axis(c.getRangeAxis(i));
            }
        }
        if (p instanceof XYPlot x) {
            for (int i = 0; i < x.getDomainAxisCount(); i++) {
                axis(x.getDomainAxis(i));
            }
            for (int i = 0; i < x.getRangeAxisCount(); i++) {
                axis(x.getRangeAxis(i));
            }
        }
    }

    private static void axis(Axis a) {
        if (!(a instanceof ValueAxis v)) {
            return;
        }
        if (v.getStandardTickUnits() instanceof NumberTickUnitSource) {
            v.setStandardTickUnits(new RootTickUnits());
        }
        if (a instanceof NumberAxis n && n.getNumberFormatOverride() instanceof DecimalFormat d) {
            n.setNumberFormatOverride(root(d));
        }
        if (a instanceof LogAxis l && l.getNumberFormatOverride() instanceof DecimalFormat d) {
            l.setNumberFormatOverride(root(d));
        }
    }

    /** The same pattern with {@link Locale#ROOT} symbols. */
    static DecimalFormat root(DecimalFormat d) {
        DecimalFormat r = new DecimalFormat(d.toPattern(), ROOT);
        r.setRoundingMode(d.getRoundingMode());
        return r;
    }

    /**
     * JFreeChart's default tick sizes (1, 2 and 5 times a power of ten, from its own {@link NumberTickUnitSource})
     * labelled as it labels them, by the power of ten: four to one decimals below 1, "#,##0" up to 10^6,
     * scientific above, with locale-free symbols. {@code ChartLocaleTest} checks that the labels equal
     * JFreeChart's own under an English locale.
     */
    static final class RootTickUnits implements TickUnitSource {
        private final NumberTickUnitSource sizes = new NumberTickUnitSource(false);

        // The source compares units with equals, formats included, so it is handed its own unit of that size.
        @Override
        public TickUnit getLargerTickUnit(TickUnit unit) {
            return labelled(sizes.getLargerTickUnit(sizes.getCeilingTickUnit(unit.getSize())));
        }

        @Override
        public TickUnit getCeilingTickUnit(TickUnit unit) {
            return labelled(sizes.getCeilingTickUnit(unit.getSize()));
        }

        @Override
        public TickUnit getCeilingTickUnit(double size) {
            return labelled(sizes.getCeilingTickUnit(size));
        }

        private static TickUnit labelled(TickUnit u) {
            return new NumberTickUnit(u.getSize(), format(u.getSize()), u.getMinorTickCount());
        }

        static NumberFormat format(double size) {
            // sizes are 1, 2 or 5 x 10^power: the margin only guards against log10 landing just below a power
            int power = (int) Math.floor(Math.log10(size) + 1e-9);
            String pattern;
            if (power >= -4 && power <= -1) {
                pattern = "0." + "0".repeat(-power);
            } else if (power >= 0 && power <= 6) {
                pattern = "#,##0";
            } else {
                pattern = "#.######E0";
            }
            return new DecimalFormat(pattern, ROOT);
        }
    }
}
