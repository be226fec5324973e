package org.arrayflow.arch;

/**
 * Identical chips joined by links (the architecture file's {@code chips:} entry), each the whole chip the rest of
 * the file describes. Tensor parallelism (each matrix layer split across the chips, with the collective its split
 * needs) or pipeline parallelism (contiguous layers per chip); docs/multicore.md.
 *
 * @param count           chips, at least 1
 * @param bandwidthGbps   one link, one direction
 * @param latencyNs       one hop
 * @param fullyConnected  a link between every pair (else a ring)
 * @param energyPjPerByte a byte sent over a link
 * @param pipeline        pipeline parallelism (contiguous layers per chip) instead of tensor parallelism
 */
public record Chips(int count, double bandwidthGbps, double latencyNs, boolean fullyConnected,
                    double energyPjPerByte, boolean pipeline) {
    /** One chip. */
    public static final Chips SINGLE = new Chips(1, 1, 0, false, 0, false);

    public Chips {
        if (count < 1) {
            throw new IllegalArgumentException("chips: count must be at least 1, not " + count);
        }
    }

    public boolean multi() {
        return count > 1;
    }

    /**
     * Cycles (of a {@code clockMhz} clock) an all-reduce of {@code bytes} on every chip takes. Ring: a
     * reduce-scatter then an all-gather, each p − 1 steps of bytes / p over one link: 2(p − 1)/p · bytes / bw +
     * 2(p − 1) hops. Fully connected: each chip sends its p − 1 slices of bytes / p at once over its p − 1 links,
     * in each of the two phases: 2 · bytes / (p · bw) + 2 hops.
     */
    public long allReduceCycles(long bytes, double clockMhz) {
        int p = count;
        return fullyConnected ? cycles(2.0 * bytes / p, 2, clockMhz) : cycles(2.0 * (p - 1) * bytes / p, 2L * (p - 1), clockMhz);
    }

    /**
     * Cycles an all-gather takes, every chip holding bytes / p of the {@code bytes} all must hold. Ring: (p − 1)/p ·
     * bytes / bw + (p − 1) hops; fully connected: bytes / (p · bw) + 1 hop.
     */
    public long allGatherCycles(long bytes, double clockMhz) {
        int p = count;
        return fullyConnected ? cycles((double) bytes / p, 1, clockMhz) : cycles((double) (p - 1) * bytes / p, p - 1L, clockMhz);
    }

    /** Bytes all links carry together: an all-reduce 2(p − 1) · bytes, an all-gather (p − 1) · bytes (both topologies). */
    public long linkBytes(long bytes, boolean allReduce) {
        return (allReduce ? 2L : 1L) * (count - 1) * bytes;
    }

    /** Cycles one chip takes to send {@code bytes} to its neighbour: bytes / bw + one hop. */
    public long sendCycles(long bytes, double clockMhz) {
        return cycles(bytes, 1, clockMhz);
    }

    private long cycles(double linkBytes, long hops, double clockMhz) {
        double ns = linkBytes / bandwidthGbps + hops * latencyNs;
        return (long) Math.ceil(ns * clockMhz / 1000 - 1e-9);
    }
}
