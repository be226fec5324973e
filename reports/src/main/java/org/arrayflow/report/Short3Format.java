package org.arrayflow.report;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * {@link Fmt#short3} as a {@link NumberFormat}, for chart labels: a ratio of 0.0031 reads 0.0031, not the 0.00 a
 * fixed two-decimal pattern gives, and 12.5 reads 12.5.
 */
final class Short3Format extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
        return to.append(Fmt.short3(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
        return to.append(Fmt.short3(number));
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("labels only");
    }
}
