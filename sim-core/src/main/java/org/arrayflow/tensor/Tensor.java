package org.arrayflow.tensor;

/**
 * The data a layer moves. WEIGHT is the second matrix operand (filters, or the second activation of an
 * attention matmul); PSUM are partial sums at accumulator precision; OFMAP are finished outputs.
 */
public enum Tensor {
    IFMAP, WEIGHT, PSUM, OFMAP;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Tensor fromLabel(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
