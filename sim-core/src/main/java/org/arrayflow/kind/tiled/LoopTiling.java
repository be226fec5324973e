package org.arrayflow.kind.tiled;

/**
 * Loop tiling of a Zhang-style FPGA compute engine: {@code tm} output channels by {@code tn} input
 * channels are computed in parallel (a Tm x Tn unrolled MAC array), over an output tile of
 * {@code tr} rows by {@code tc} columns. A value of 0 means "let the tiling search choose".
 */
public record LoopTiling(int tm, int tn, int tr, int tc) {
    public LoopTiling {
        if (tm < 0 || tn < 0 || tr < 0 || tc < 0) {
            throw new IllegalArgumentException("tiling factors must not be negative");
        }
    }

    public static final LoopTiling SEARCH = new LoopTiling(0, 0, 0, 0);

    /** MAC units the engine instantiates. */
    public long units() {
        return (long) tm * tn;
    }

    public boolean engineFixed() {
        return tm > 0 && tn > 0;
    }

    /** This tiling with the zero fields taken from {@code other}. */
    public LoopTiling orElse(LoopTiling other) {
        return new LoopTiling(tm > 0 ? tm : other.tm, tn > 0 ? tn : other.tn, tr > 0 ? tr : other.tr,
                tc > 0 ? tc : other.tc);
    }

    @Override
    public String toString() {
        return "Tm=" + tm + " Tn=" + tn + " Tr=" + tr + " Tc=" + tc;
    }
}
