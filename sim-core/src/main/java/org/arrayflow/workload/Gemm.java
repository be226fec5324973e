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

    /** Words of the stored ifmap that a K range [k0, k0+len) and an M range of {@code mLen} rows touch. */
    public long ifmapFootprint(long k0, long len, long mLen) {
        if (kernelArea == 1 && ifmapPlaneWords == m) {
            return len * mLen;
        }
        long firstChannel = k0 / kernelArea;
        long lastChannel = (k0 + len - 1) / kernelArea;
        long channels = lastChannel - firstChannel + 1;
        // Spatial fraction of the plane for the M rows: proportional (halo rows ignored).
        return ceilDiv(channels * ifmapPlaneWords * mLen, m);
    }

    /** Words of the stored ifmap of one GEMM (one group). */
    public long ifmapWords() {
        return (long) ifmapChannels * ifmapPlaneWords;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
