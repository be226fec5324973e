package org.arrayflow.fusion;

import java.util.Locale;

/**
 * How neighbouring pyramids of a fused layer group treat the data they share (Alwani et al., MICRO 2016),
 * or block convolution (Li et al., DATE 2018), where blocks share nothing because each is padded on its own.
 */
public enum FusionStrategy {
    RECOMPUTE, REUSE, BLOCK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FusionStrategy fromLabel(String s) {
        for (FusionStrategy f : values()) {
            if (f.label().equals(s)) {
                return f;
            }
        }
        return null;
    }
}
