package org.arrayflow.workload;

import org.arrayflow.tensor.TensorSpecs;

import java.util.List;

/**
 * Builds layers from plain values, whatever file they were read from (workload YAML, a SCALE-Sim topology, an
 * importer): infers the output shape, checks that the shapes fit, and writes the computation as its canonical
 * {@link Problem}. A shape that does not fit is a {@link LayerException} naming the layer and, where there is
 * one, the input key concerned.
 *
 * <p>Every method takes the layer's place in the network ({@code index}, {@code name}, the names of the layers
 * it reads) and the batch; shapes are per image.
 */
public final class Layers {
    private Layers() {}

    /** A convolution, its output size by the frameworks' rule: floor((H + 2P − D(K − 1) − 1) / S) + 1. */
    public static Layer conv2d(int index, String name, List<String> inputs, Shape in, int batch, int filters, Window w,
                               int groups) {
        return conv2d(index, name, inputs, in, batch, filters, w, groups, outSize(w.outHeight(in.height())),
                outSize(w.outWidth(in.width())));
    }

    /** A convolution whose output size the caller's format fixes (SCALE-Sim's, for one). */
    public static Layer conv2d(int index, String name, List<String> inputs, Shape in, int batch, int filters, Window w,
                               int groups, int outHeight, int outWidth) {
        if (in.channels() % groups != 0) {
            throw new LayerException("groups", "layer '" + name + "': " + in.channels()
                    + " input channels are not divisible by " + groups + " groups");
        }
        if (filters % groups != 0) {
            throw new LayerException("filters", "layer '" + name + "': " + filters + " filters are not divisible by "
                    + groups + " groups");
        }
        Shape out = windowOutput(name, in, w, filters, outHeight, outWidth);
        return checked(name, () -> {
            Problem p = new Problem(LayerKind.CONV2D, batch, groups, in.channels() / groups, filters / groups,
                    in.height(), in.width(), w, out.height(), out.width());
            return matrix(index, name, LayerKind.CONV2D, inputs, List.of(in), out, batch, w, p);
        });
    }

    /** A fully connected layer over the whole input (C x H x W values per image). */
    public static Layer fc(int index, String name, List<String> inputs, Shape in, int batch, long outputs) {
        if (in.channels() * (double) in.height() * in.width() > Integer.MAX_VALUE) {
            throw new LayerException(null, "layer '" + name + "': its input of " + in + " is read as one vector of "
                    + Counts.sci(in.channels() * (double) in.height() * in.width()) + " values, more than the "
                    + Integer.MAX_VALUE + " an fc layer can hold");
        }
        return checked(name, () -> {
            int k = toInt(name, "outputs", outputs);
            Shape out = new Shape(k, 1, 1);
            Window whole = new Window(in.height(), in.width(), 1, 1, 0, 0, 1);
            Problem p = new Problem(LayerKind.FC, batch, 1, in.channels(), k, in.height(), in.width(), whole, 1, 1);
            return matrix(index, name, LayerKind.FC, inputs, List.of(in), out, batch, null, p);
        });
    }

    /** The same linear map at every position (a transformer's projections): features C to {@code outputs}. */
    public static Layer linear(int index, String name, List<String> inputs, Shape in, int batch, long outputs) {
        return checked(name, () -> {
            int k = toInt(name, "outputs", outputs);
            Shape out = new Shape(k, in.height(), in.width());
            Problem p = new Problem(LayerKind.LINEAR, batch, 1, in.channels(), k, in.height(), in.width(), Window.POINT,
                    in.height(), in.width());
            return matrix(index, name, LayerKind.LINEAR, inputs, List.of(in), out, batch, null, p);
        });
    }

    /** A product of an m x k matrix by a k x n matrix of weights, per image. */
    public static Layer gemm(int index, String name, List<String> inputs, int batch, long m, long k, long n) {
        return checked(name, () -> {
            int rows = toInt(name, "m", m);
            int depth = toInt(name, "k", k);
            int cols = toInt(name, "n", n);
            Shape in = new Shape(depth, 1, rows);
            Shape out = new Shape(cols, 1, rows);
            Problem p = new Problem(LayerKind.GEMM, batch, 1, depth, cols, 1, rows, Window.POINT, 1, rows);
            return matrix(index, name, LayerKind.GEMM, inputs, List.of(in), out, batch, null, p);
        });
    }

    /**
     * An attention product per head of two activations: with {@code transposeB}, scores = A_h (T x d) times
     * B_h^T (d x Tb); without, context = A_h (T x Tb) times B_h (Tb x d).
     */
    public static Layer matmul(int index, String name, List<String> inputs, Shape a, Shape b, int batch, int heads,
                               boolean transposeB) {
        if (a.channels() % heads != 0 || b.channels() % heads != 0) {
            throw new LayerException("heads", "layer '" + name + "': features (" + a.channels() + ", " + b.channels()
                    + ") are not divisible by " + heads + " heads");
        }
        long tokens = a.positions();
        long ka = a.channels() / heads;
        long k = transposeB ? b.channels() / heads : b.positions();
        long nn = transposeB ? b.positions() : b.channels() / heads;
        if (ka != k) {
            throw new LayerException("inputs", "layer '" + name + "': A has " + ka + (transposeB
                    ? " features per head but B has " + k : " columns per head but B has " + k + " rows (tokens)"));
        }
        Counts.products(name, heads, batch);
        return checked(name, () -> {
            Shape out = transposeB ? new Shape(toInt(name, "heads", heads * nn), 1, toInt(name, "inputs", tokens))
                    : new Shape(b.channels(), 1, toInt(name, "inputs", tokens));
            Problem p = new Problem(LayerKind.MATMUL, batch, heads, (int) k, toInt(name, "inputs", nn), 1,
                    (int) tokens, Window.POINT, 1, (int) tokens);
            return matrix(index, name, LayerKind.MATMUL, inputs, List.of(a, b), out, batch, null, p);
        });
    }

    /** Max or average pooling over a window: one element operation per window element and output. */
    public static Layer pool(int index, String name, LayerKind kind, List<String> inputs, Shape in, int batch, Window w) {
        if (kind != LayerKind.MAXPOOL && kind != LayerKind.AVGPOOL) {
            throw new IllegalArgumentException(kind + " is not a pooling layer");
        }
        Shape out = windowOutput(name, in, w, in.channels(), outSize(w.outHeight(in.height())),
                outSize(w.outWidth(in.width())));
        return vector(index, name, kind, inputs, List.of(in), out, batch, w, Counts.operations(name,
                "element operations", out.channels(), out.height(), out.width(), w.area(), batch));
    }

    /** Average of each channel's whole plane. */
    public static Layer globalAvgPool(int index, String name, List<String> inputs, Shape in, int batch) {
        Window w = new Window(in.height(), in.width(), in.height(), in.width(), 0, 0, 1);
        return checked(name, () -> vector(index, name, LayerKind.GLOBAL_AVGPOOL, inputs, List.of(in),
                new Shape(in.channels(), 1, 1), batch, w, Counts.operations(name, "element operations", in.channels(),
                        in.height(), in.width(), batch)));
    }

    /** Element-wise sum of inputs of one shape: one operation per element for each input after the first. */
    public static Layer add(int index, String name, List<String> inputs, List<Shape> in, int batch) {
        Shape x = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            if (!in.get(i).equals(x)) {
                throw new LayerException("inputs", "layer '" + name + "' adds " + inputs.get(0) + " (" + x + ") and "
                        + inputs.get(i) + " (" + in.get(i) + "): shapes differ");
            }
        }
        return vector(index, name, LayerKind.ADD, inputs, in, x, batch, null, Counts.operations(name,
                "element operations", x.channels(), x.height(), x.width(), in.size() - 1, batch));
    }

    /**
     * Softmax or layer normalisation: two passes over the data, a reduction (max and sum, or mean and
     * variance), then the normalisation.
     */
    public static Layer normalization(int index, String name, LayerKind kind, List<String> inputs, Shape in, int batch) {
        if (kind != LayerKind.SOFTMAX && kind != LayerKind.LAYERNORM) {
            throw new IllegalArgumentException(kind + " is not a normalisation layer");
        }
        return vector(index, name, kind, inputs, List.of(in), in, batch, null, Counts.operations(name,
                "element operations", 2, in.channels(), in.height(), in.width(), batch));
    }

    private static Shape windowOutput(String name, Shape in, Window w, int channels, int oh, int ow) {
        // padding of the window's whole extent or more gives border outputs that see nothing but padding
        if (w.ph() >= w.extentH() || w.pw() >= w.extentW()) {
            throw new LayerException("padding", "layer '" + name + "': padding " + (w.ph() == w.pw() ? w.ph()
                    : w.ph() + "," + w.pw()) + " must be smaller than the " + w.kh() + "x" + w.kw() + " kernel"
                    + (w.dilation() == 1 ? "" : " (" + w.extentH() + "x" + w.extentW() + " at dilation " + w.dilation()
                    + ")") + ", or outputs at the border see only padding");
        }
        long paddedH = in.height() + 2L * w.ph();
        long paddedW = in.width() + 2L * w.pw();
        if (paddedH > Integer.MAX_VALUE || paddedW > Integer.MAX_VALUE) {
            throw new LayerException("padding", "layer '" + name + "': the padded input, " + paddedH + "x" + paddedW
                    + ", is larger than " + Integer.MAX_VALUE + " along an axis");
        }
        if ((long) w.kh() * w.kw() > Integer.MAX_VALUE) {
            throw new LayerException("kernel", "layer '" + name + "': a " + w.kh() + "x" + w.kw() + " window has more than "
                    + Integer.MAX_VALUE + " elements");
        }
        if (oh <= 0 || ow <= 0) {
            throw new LayerException("kernel", "layer '" + name + "': window " + w + " does not fit the " + in.height()
                    + "x" + in.width() + " input");
        }
        return new Shape(channels, oh, ow);
    }

    private static Layer matrix(int index, String name, LayerKind kind, List<String> inputs, List<Shape> in, Shape out,
                                int batch, Window w, Problem p) {
        Counts.operations(name, "MACs", p.n(), p.g(), p.k(), p.c(), p.p(), p.q(), p.r(), p.s());
        if (kind != LayerKind.MATMUL) {
            Counts.elements(name, "the weights", p.g(), p.k(), p.c(), p.r(), p.s());
        }
        Counts.tensors(name, inputs, in, out, batch);
        p.gemms(); // a product that cannot be formed is an input error now, not when the layer is planned
        return new Layer(index, name, kind, inputs, in, out, batch, w, p, 0, TensorSpecs.DEFAULT);
    }

    /**
     * A window's output size as an int: 0 where it does not fit ({@link #windowOutput} says so), and never more
     * than the padded input, which {@link #windowOutput} holds to an int.
     */
    private static int outSize(long size) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, size));
    }

    /** A dimension that must fit the int fields of shapes and problems. */
    private static int toInt(String name, String key, long v) {
        if (v > Integer.MAX_VALUE) {
            throw new LayerException(key, "layer '" + name + "': " + key + " = " + v + " exceeds " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    private static Layer vector(int index, String name, LayerKind kind, List<String> inputs, List<Shape> in, Shape out,
                                int batch, Window w, long ops) {
        Counts.tensors(name, inputs, in, out, batch);
        return new Layer(index, name, kind, inputs, in, out, batch, w, null, ops, TensorSpecs.DEFAULT);
    }

    /** Builds a layer; a value that fails a record's own check (a shape of zero, say) is reported for the layer. */
    private static Layer checked(String name, java.util.function.Supplier<Layer> build) {
        try {
            return build.get();
        } catch (LayerException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new LayerException(null, "layer '" + name + "': " + e.getMessage());
        }
    }
}
