package org.arrayflow.report;

import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.TickUnit;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Tick labels are JFreeChart's own on an English machine, and the same on any other. */
class ChartLocaleTest {
    private static final double[] VALUES = {0, 0.00012, 0.0375, 0.5, 1, 2.5, 12, 999.5, 1000, 1234567, 7.5e6, 3e9,
            -42.25, 1e12};

    @Test
    void labelsEqualJFreeChartsInEnglish() {
        Locale saved = Locale.getDefault(Locale.Category.FORMAT);
        try {
            Locale.setDefault(Locale.Category.FORMAT, Locale.US);
            NumberTickUnitSource reference = new NumberTickUnitSource(false);
            ChartLocale.RootTickUnits ours = new ChartLocale.RootTickUnits();
            for (int power = -6; power <= 9; power++) {
                for (double factor : new double[] {1, 2, 5, 3}) {
                    double size = factor * Math.pow(10, power);
                    TickUnit a = reference.getCeilingTickUnit(size);
                    TickUnit b = ours.getCeilingTickUnit(size);
                    assertThat(b.getSize()).isEqualTo(a.getSize());
                    assertThat(b.getMinorTickCount()).isEqualTo(a.getMinorTickCount());
                    for (double v : VALUES) {
                        assertThat(b.valueToString(v)).as("size %s value %s", size, v).isEqualTo(a.valueToString(v));
                    }
                    assertThat(ours.getLargerTickUnit(b).getSize()).isEqualTo(reference.getLargerTickUnit(a).getSize());
                }
            }
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, saved);
        }
    }

    @Test
    void labelsDoNotFollowTheMachinesLocale() {
        Locale saved = Locale.getDefault(Locale.Category.FORMAT);
        try {
            Locale.setDefault(Locale.Category.FORMAT, Locale.forLanguageTag("ar-SA"));
            ChartLocale.RootTickUnits ours = new ChartLocale.RootTickUnits();
            assertThat(ours.getCeilingTickUnit(500).valueToString(1500)).isEqualTo("1,500");
            assertThat(ours.getCeilingTickUnit(0.05).valueToString(0.25)).isEqualTo("0.25");
            Locale.setDefault(Locale.Category.FORMAT, Locale.GERMANY);
            assertThat(new ChartLocale.RootTickUnits().getCeilingTickUnit(500).valueToString(1500)).isEqualTo("1,500");
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, saved);
        }
    }
}
