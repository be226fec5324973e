package org.arrayflow.kind.rowstationary;

import org.arrayflow.dataflow.MappingException;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Gemm;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Problem;
import org.arrayflow.workload.Window;

/**
 * A layer as the row-stationary dataflow sees it, a view of its canonical {@link Problem}: one convolution per
 * group of N images, C input and M output channels, an H x W (padded) ifmap, R x S filters, an E x F ofmap,
 * strides Uh and Uw (Eyeriss's letters: M = the problem's K, E x F = its P x Q). Convolutions, fully connected
 * layers (filters covering the whole ifmap) and linear layers (1 x 1 filters) map directly; a matrix product
 * (gemm, matmul) maps through its GEMM: a 1 x 1 convolution over a 1 x m "image" of k channels with n filters,
 * one group per product (the second operand plays the filters, loaded per group).
 *
 * @param rate      MACs a PE does per cycle in the layer's datatype ({@link RsPassModel} says how)
 * @param zeroSkip  whether the PEs skip the layer's zero weights (zero skipping, or the pruned ones of the structured
 *                  N:M pattern), each holding only its kept ones
 */
public record RsProblem(String layer, int groups, int n, int c, int m, int h, int w, int r, int s, int e, int f,
                        int uh, int uw, Precision precision, int rate, boolean zeroSkip) {

    /** The view of a layer whose tensors have the datatypes {@code precision} gives, at one MAC per PE per cycle. */
    public static RsProblem of(Layer layer, Precision precision) {
        return of(layer, precision, 1, false);
    }

    /** The view of a layer on PEs doing {@code rate} MACs a cycle, skipping its zero weights if {@code zeroSkip}. */
    public static RsProblem of(Layer layer, Precision precision, int rate, boolean zeroSkip) {
        Problem p = layer.problem();
        if (p == null) {
            throw new MappingException("layer '" + layer.name() + "': the row-stationary model maps conv2d, fc, "
                    + "linear, gemm and matmul layers, not " + layer.kind().yamlName());
        }
        Window k = p.window();
        switch (p.kind()) {
            case CONV2D:
            case FC:
            case LINEAR:
                if (k.dilation() != 1) {
                    throw new MappingException("layer '" + layer.name() + "': dilated convolutions are not supported by "
                            + "the row-stationary model");
                }
                return new RsProblem(layer.name(), p.g(), p.n(), p.c(), p.k(), p.h() + 2 * k.ph(), p.w() + 2 * k.pw(),
                        p.r(), p.s(), p.p(), p.q(), k.sh(), k.sw(), precision, rate, zeroSkip);
            default: {
                Gemm g = p.gemms().get(0);
                if (g.m() > Integer.MAX_VALUE || g.k() > Integer.MAX_VALUE || g.n() > Integer.MAX_VALUE) {
                    throw new MappingException("layer '" + layer.name() + "': matrix too large for the row-stationary model");
                }
                if (p.kind() == LayerKind.CONV_TRANSPOSE) {
                    // the scatter GEMM is a 1x1 convolution over the input's own rows and columns (its M is their
                    // pixels x images): mapped as that image, a PE row takes one input row, not all M pixels in one
                    return new RsProblem(layer.name(), g.count(), p.n(), (int) g.k(), (int) g.n(), p.p(), p.q(), 1, 1,
                            p.p(), p.q(), 1, 1, precision, rate, zeroSkip);
                }
                return new RsProblem(layer.name(), g.count(), 1, (int) g.k(), (int) g.n(), 1, (int) g.m(), 1, 1, 1,
                        (int) g.m(), 1, 1, precision, rate, zeroSkip);
            }
        }
    }

    /** Ifmap rows a strip of {@code es} output rows needs. */
    public long rowsIn(int es) {
        return Math.min(h, (long) (es - 1) * uh + r);
    }

    /** Ifmap columns a row convolution reads (all of W for a valid convolution over the padded map). */
    public long wUsed() {
        return Math.min(w, (long) (f - 1) * uw + s);
    }

    /** Bytes of {@code words} elements of a tensor at the layer's datatype for it. */
    public long bytes(Tensor t, long words) {
        return precision.bytes(t, words);
    }

    public long macs() {
        return (long) groups * n * m * c * e * f * r * s;
    }
}
