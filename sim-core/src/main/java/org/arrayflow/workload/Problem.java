package org.arrayflow.workload;

import java.util.List;

/**
 * A matrix layer's multiply-accumulate loop nest, in the one lettering every kind reads it in (Timeloop's
 * and Eyeriss's seven dimensions): N images, G groups, C input and K output channels per group, an H x W
 * input, an R x S window (with its stride, padding and dilation), a P x Q output. Per image and group,
 * {@code O[k][p][q] += I[c][p·stride + r·dilation − pad][q·stride + s·dilation − pad] · W[k][c][r][s]}.
 *
 * <p>How each matrix layer type is written in these letters ({@code kind} keeps which it was, since kinds
 * read some differently):
 * <ul>
 * <li>conv2d: as it stands;</li>
 * <li>fc: the window is the whole input (R = H, S = W, P = Q = 1), which is read as one vector;</li>
 * <li>linear: a 1 x 1 window at every position (P x Q = H x W);</li>
 * <li>gemm (m x k times k x n): C = k, K = n, 1 x m positions per image;</li>
 * <li>matmul (attention): per head (G = heads) and image a T x C activation times a C x K second activation,
 *     T = P x Q positions; the "weights" are that second activation, different for every image.</li>
 * <li>conv_transpose (C_in to C_out channels, k x k, stride S): lowered as the per-input-pixel scatter GEMM,
 *     not as the direct convolution over the zero-inserted input (which would multiply the inserted zeros
 *     too): every input pixel's C_in / G values times a C_in / G x (C_out / G · R · S) weight matrix give the
 *     R x S patch of partial outputs it contributes, which are added into the output at stride S (col2im).
 *     So C = C_in / G, K = C_out / G, the window is the kernel (with the layer's stride, padding and
 *     dilation, which place the patches), and P x Q = H x W are the input positions the scatter runs over
 *     (the output, (H − 1)·S − 2P + D(K − 1) + output_padding + 1 per axis, is the layer's output shape). The
 *     MACs, N·G·K·C·H·W·R·S = C_in·C_out·R·S·H·W / G per image, are the frameworks' count.</li>
 * </ul>
 */
public record Problem(LayerKind kind, int n, int g, int c, int k, int h, int w, Window window, int p, int q) {

    public Problem {
        if (!kind.isMatrix()) {
            throw new IllegalArgumentException("a " + kind.yamlName() + " layer has no multiply-accumulate loop nest");
        }
    }

    public int r() {
        return window.kh();
    }

    public int s() {
        return window.kw();
    }

    /** Multiply-accumulates for the whole batch. */
    public long macs() {
        return (long) n * g * k * c * p * q * r() * s();
    }

    /** Weight elements (0 for a matmul, whose second operand is an activation). */
    public long weights() {
        return kind == LayerKind.MATMUL ? 0 : (long) g * k * c * r() * s();
    }

    /**
     * The matrix products the layer lowers to. A convolution by im2col: one GEMM per group, rows = output
     * positions x images (the weights are shared by all images), K = R·S·C channel-major. An fc layer reads
     * its input as one vector of C·H·W. A matmul's second operand differs per image, so images are separate
     * products, not more rows.
     */
    public List<Gemm> gemms() {
        switch (kind) {
            case CONV2D:
                return List.of(new Gemm((long) p * q * n, (long) window.area() * c, k, g, c, window.area(),
                        (long) h * w * n));
            case FC:
                return List.of(Gemm.plain(n, (long) c * h * w, k, 1));
            case MATMUL:
                return List.of(Gemm.plain((long) p * q, c, k, g * n));
            case CONV_TRANSPOSE:
                // the scatter GEMM: M = input pixels x images, K = C, N = K x R x S partial outputs per pixel
                return List.of(Gemm.plain((long) p * q * n, c, (long) k * window.area(), g));
            default:
                return List.of(Gemm.plain((long) p * q * n, c, k, g));
        }
    }
}
