package org.arrayflow.workload;

/**
 * A matrix-multiply view of a layer: {@code count} independent products of an M x K operand
 * (activations, "ifmap") by a K x N operand ("weight", or a second activation for attention)
 * giving M x N outputs. Convolutions are lowered by im2col: M = output pixels x batch,
 * K = R·S·C per group, N = filters per group, one GEMM per group.
 *
 * <p>{@code ifmapChannels}, {@code kernelArea} and {@code ifmapPlaneWords} describe how the
 * im2col rows map back to the stored feature map, so traffic is counted on the real tensor
 * (each stored word once), not on the im2col expansion. K is ordered channel-major
 * (k = c·R·S + r·S + s), so a slice of K touches whole channel planes.
 */
public record Gemm(long m, long k, long n, int count, int ifmapChannels, int kernelArea, long ifmapPlaneWords) {

    public Gemm {
        if (m <= 0 || k <= 0 || n <= 0 || count <= 0) {
            throw new IllegalArgumentException("GEMM dimensions must be positive: " + m + "x" + k + "x" + n + " x" + count);
        }
    }

    /** A plain matrix product whose M x K operand is stored as is. */
    public static Gemm plain(long m, long k, long n, int count) {
        return new Gemm(m, k, n, count, (int) Math.min(Integer.MAX_VALUE, k), 1, m);
    }

    public long macs() {
        return m * k * n * count;
    }

    /**
     * Words of the stored ifmap that a K range [k0, k0+len) and the M rows [m0, m0+mLen) touch: the channel planes
     * the K range touches, of each the rows' share of the plane (halo rows ignored). The share is cut at
     * {@code floor(plane x m / M)}, so the shares of M ranges that cover M add up to the plane exactly: with room
     * for everything, the ifmap is read once, word for word.
     */
    public long ifmapFootprint(long k0, long len, long m0, long mLen) {
        if (kernelArea == 1 && ifmapPlaneWords == m) {
            return len * mLen;
        }
        return channels(k0, len) * (planeShare(m0 + mLen) - planeShare(m0));
    }

    /** The most words of the stored ifmap that a K range [k0, k0+len) and any {@code mLen} rows touch. */
    public long ifmapFootprintBound(long k0, long len, long mLen) {
        if (kernelArea == 1 && ifmapPlaneWords == m) {
            return len * mLen;
        }
        return channels(k0, len) * ceilDiv(ifmapPlaneWords * mLen, m);
    }

    private long channels(long k0, long len) {
        return (k0 + len - 1) / kernelArea - k0 / kernelArea + 1;
    }

    /** Words of a channel plane before row {@code rows} of M: floor(plane x rows / M). */
    private long planeShare(long rows) {
        long hi = Math.multiplyHigh(ifmapPlaneWords, rows);
        if (hi == 0 && ifmapPlaneWords * rows >= 0) {
            return ifmapPlaneWords * rows / m;
        }
        return java.math.BigInteger.valueOf(ifmapPlaneWords).multiply(java.math.BigInteger.valueOf(rows))
                .divide(java.math.BigInteger.valueOf(m)).longValueExact();
    }

    /** Words of the stored ifmap of one GEMM (one group). */
    public long ifmapWords() {
        return (long) ifmapChannels * ifmapPlaneWords;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
