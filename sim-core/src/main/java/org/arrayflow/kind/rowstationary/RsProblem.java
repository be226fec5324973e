package org.arrayflow.kind.rowstationary;

import org.arrayflow.dataflow.MappingException;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Shape;
import org.arrayflow.workload.Window;

/**
 * A layer as the row-stationary dataflow sees it: one convolution per group of N images, C input and M
 * output channels, an H x W (padded) ifmap, R x S filters, an E x F ofmap, strides Uh and Uw. Fully
 * connected layers are convolutions whose filter covers the whole ifmap (R = H, S = W, E = F = 1);
 * linear layers are 1 x 1 convolutions; matrix products are 1 x 1 convolutions over a 1 x m row.
 */
public record RsProblem(String layer, int groups, int n, int c, int m, int h, int w, int r, int s, int e, int f,
                        int uh, int uw) {

    public static RsProblem of(Layer layer) {
        Shape in = layer.input();
        Shape out = layer.output();
        switch (layer.kind()) {
            case CONV2D: {
                Window k = layer.window();
                if (k.dilation() != 1) {
                    throw new MappingException("layer " + layer.name() + ": dilated convolutions are not supported by "
                            + "the row-stationary model");
                }
                int g = layer.groups();
                return new RsProblem(layer.name(), g, layer.batch(), in.channels() / g, out.channels() / g,
                        in.height() + 2 * k.ph(), in.width() + 2 * k.pw(), k.kh(), k.kw(), out.height(), out.width(),
                        k.sh(), k.sw());
            }
            case FC:
                return new RsProblem(layer.name(), 1, layer.batch(), in.channels(), out.channels(), in.height(),
                        in.width(), in.height(), in.width(), 1, 1, 1, 1);
            case LINEAR:
                return new RsProblem(layer.name(), 1, layer.batch(), in.channels(), out.channels(), in.height(),
                        in.width(), 1, 1, in.height(), in.width(), 1, 1);
            case GEMM:
            case MATMUL: {
                // m x k times k x n, count times: a 1 x 1 convolution over a 1 x m "image" of k channels with n
                // filters, one group per product (the second operand plays the filters, loaded per group).
                org.arrayflow.workload.Gemm g = layer.gemms().get(0);
                if (g.m() > Integer.MAX_VALUE || g.k() > Integer.MAX_VALUE || g.n() > Integer.MAX_VALUE) {
                    throw new MappingException("layer " + layer.name() + ": matrix too large for the row-stationary model");
                }
                return new RsProblem(layer.name(), g.count(), 1, (int) g.k(), (int) g.n(), 1, (int) g.m(), 1, 1, 1,
                        (int) g.m(), 1, 1);
            }
            default:
                throw new MappingException("layer " + layer.name() + ": the row-stationary model maps conv2d, fc, "
                        + "linear, gemm and matmul layers, not " + layer.kind().yamlName());
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

    public long macs() {
        return (long) groups * n * m * c * e * f * r * s;
    }
}
