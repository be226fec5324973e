package org.arrayflow.tensor;

import java.util.Locale;

/**
 * The data a layer moves. WEIGHT is the second matrix operand (filters, or the second activation of an
 * attention matmul); PSUM are partial sums at accumulator precision; OFMAP are finished outputs.
 */
public enum Tensor {
    IFMAP, WEIGHT, PSUM, OFMAP;

    // computed once: labels are read for every traffic line of every layer
    private final String label = name().toLowerCase(Locale.ROOT);
    private static final Tensor[] ALL = values();

    public String label() {
        return label;
    }

    public static Tensor fromLabel(String s) {
        for (Tensor t : ALL) {
            if (t.label.equals(s)) {
                return t;
            }
        }
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
