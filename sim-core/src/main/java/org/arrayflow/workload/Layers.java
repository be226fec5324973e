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

    /** Input channels and filters of a grouped (transposed) convolution each split evenly into the groups. */
    private static void checkGroups(String name, Shape in, int filters, int groups) {
        if (in.channels() % groups != 0) {
            throw new LayerException("groups", "layer '" + name + "': " + in.channels()
                    + " input channels are not divisible by " + groups + " groups");
        }
        if (filters % groups != 0) {
            throw new LayerException("filters", "layer '" + name + "': " + filters + " filters are not divisible by "
                    + groups + " groups");
        }
    }

    /** A convolution whose output size the caller's format fixes (SCALE-Sim's, for one). */
    public static Layer conv2d(int index, String name, List<String> inputs, Shape in, int batch, int filters, Window w,
                               int groups, int outHeight, int outWidth) {
        checkGroups(name, in, filters, groups);
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
                "element operations", out.channels(), out.height(), out.width(), w.area(), batch), 0);
    }

    /** Average of each channel's whole plane. */
    public static Layer globalAvgPool(int index, String name, List<String> inputs, Shape in, int batch) {
        Window w = new Window(in.height(), in.width(), in.height(), in.width(), 0, 0, 1);
        return checked(name, () -> vector(index, name, LayerKind.GLOBAL_AVGPOOL, inputs, List.of(in),
                new Shape(in.channels(), 1, 1), batch, w, Counts.operations(name, "element operations", in.channels(),
                        in.height(), in.width(), batch), 0));
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
                "element operations", x.channels(), x.height(), x.width(), in.size() - 1, batch), 0);
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
                "element operations", 2, in.channels(), in.height(), in.width(), batch), 0);
    }

    /**
     * A transposed convolution, lowered as the per-input-pixel scatter GEMM ({@link Problem}): output size per axis
     * (H − 1)·S − 2P + D(K − 1) + output_padding + 1, PyTorch's and ONNX's rule; output padding must be smaller
     * than the stride or the dilation (it resolves the sizes a strided convolution maps to one).
     */
    public static Layer convTranspose(int index, String name, List<String> inputs, Shape in, int batch, int filters,
                                      Window w, int groups, int outputPadH, int outputPadW) {
        checkGroups(name, in, filters, groups);
        if (outputPadH < 0 || outputPadW < 0 || outputPadH >= Math.max(w.sh(), w.dilation())
                || outputPadW >= Math.max(w.sw(), w.dilation())) {
            throw new LayerException("output_padding", "layer '" + name + "': output padding " + outputPadH + ","
                    + outputPadW + " must be at least 0 and smaller than the stride (" + w.sh() + "," + w.sw()
                    + ") or the dilation (" + w.dilation() + ")");
        }
        long oh = (in.height() - 1L) * w.sh() - 2L * w.ph() + w.extentH() - 1 + outputPadH + 1;
        long ow = (in.width() - 1L) * w.sw() - 2L * w.pw() + w.extentW() - 1 + outputPadW + 1;
        if (oh <= 0 || ow <= 0) {
            throw new LayerException("padding", "layer '" + name + "': padding " + w.ph() + "," + w.pw()
                    + " leaves no output of the " + in.height() + "x" + in.width() + " input (" + oh + "x" + ow + ")");
        }
        int outH = toInt(name, "stride", oh);
        int outW = toInt(name, "stride", ow);
        return checked(name, () -> {
            Shape out = new Shape(filters, outH, outW);
            Problem p = new Problem(LayerKind.CONV_TRANSPOSE, batch, groups, in.channels() / groups, filters / groups,
                    in.height(), in.width(), w, in.height(), in.width());
            return matrix(index, name, LayerKind.CONV_TRANSPOSE, inputs, List.of(in), out, batch, w, p);
        });
    }

    /**
     * Inputs of one height and width joined along channels (output channels: their sum). Data movement only: no
     * element operations; its cost is reading every input element and writing it once into the output, which the
     * kinds' vector passes move like any vector layer's tensors.
     */
    public static Layer concat(int index, String name, List<String> inputs, List<Shape> in, int batch) {
        Shape x = in.get(0);
        long channels = 0;
        for (int i = 0; i < in.size(); i++) {
            Shape s = in.get(i);
            if (s.height() != x.height() || s.width() != x.width()) {
                throw new LayerException("inputs", "layer '" + name + "' joins " + inputs.get(0) + " (" + x + ") and "
                        + inputs.get(i) + " (" + s + "): heights and widths differ");
            }
            channels += s.channels();
        }
        int c = toInt(name, "inputs", channels);
        return vector(index, name, LayerKind.CONCAT, inputs, in, new Shape(c, x.height(), x.width()), batch, null,
                0, 0);
    }

    /**
     * Channels [offset, offset + channels) of the input: one part of a split, or a slice. Data movement only: it
     * reads its range of the input ({@link Layer#readWords}) and writes it; no element operations.
     */
    public static Layer split(int index, String name, List<String> inputs, Shape in, int batch, int offset,
                              int channels) {
        if (offset < 0 || channels < 1 || (long) offset + channels > in.channels()) {
            throw new LayerException("channels", "layer '" + name + "': channels " + offset + " to " + offset + " + "
                    + channels + " are not within the " + in.channels() + " channels of its input");
        }
        return vector(index, name, LayerKind.SPLIT, inputs, List.of(in), new Shape(channels, in.height(), in.width()),
                batch, null, 0, 0);
    }

    /**
     * Rows [top, top + height) and columns [left, left + width) of the input, every channel: U-Net's crop of an
     * encoder map to its decoder's size. Data movement only, like {@link #split}: it reads its window and writes it.
     */
    public static Layer crop(int index, String name, List<String> inputs, Shape in, int batch, int top, int left,
                             int height, int width) {
        if (top < 0 || height < 1 || (long) top + height > in.height()) {
            throw new LayerException("height", "layer '" + name + "': rows " + top + " to " + top + " + " + height
                    + " are not within the " + in.height() + " rows of its input");
        }
        if (left < 0 || width < 1 || (long) left + width > in.width()) {
            throw new LayerException("width", "layer '" + name + "': columns " + left + " to " + left + " + " + width
                    + " are not within the " + in.width() + " columns of its input");
        }
        return vector(index, name, LayerKind.CROP, inputs, List.of(in), new Shape(in.channels(), height, width), batch,
                null, 0, 0);
    }

    /** An element-wise function: {@link Activation#opsPerElement} operations per element. */
    public static Layer activation(int index, String name, List<String> inputs, Shape in, int batch, Activation f) {
        return vector(index, name, LayerKind.ACTIVATION, inputs, List.of(in), in, batch, null, Counts.operations(name,
                "element operations", f.opsPerElement(), in.channels(), in.height(), in.width(), batch), 0);
    }

    /**
     * Inference batch normalisation, y = x · scale[c] + shift[c] (the mean, variance, gamma and beta folded into
     * a scale and a shift per channel): 2 operations per element, 2 x channels constants.
     */
    public static Layer batchnorm(int index, String name, List<String> inputs, Shape in, int batch) {
        return vector(index, name, LayerKind.BATCHNORM, inputs, List.of(in), in, batch, null, Counts.operations(name,
                "element operations", 2, in.channels(), in.height(), in.width(), batch), 2L * in.channels());
    }

    /**
     * Resizing each channel to {@code outHeight x outWidth} (the YAML's upsample gives integer scale factors):
     * {@link Interpolation#opsPerOutput} operations per output element.
     */
    public static Layer upsample(int index, String name, List<String> inputs, Shape in, int batch, long outHeight,
                                 long outWidth, Interpolation mode) {
        int oh = toInt(name, "scale", outHeight);
        int ow = toInt(name, "scale", outWidth);
        return checked(name, () -> {
            Shape out = new Shape(in.channels(), oh, ow);
            return vector(index, name, LayerKind.UPSAMPLE, inputs, List.of(in), out, batch, null,
                    Counts.operations(name, "element operations", mode.opsPerOutput(), in.channels(), oh, ow, batch), 0);
        });
    }

    /**
     * A table lookup: token ids (1 x H x W per image, each position one token) to the rows of a
     * {@code vocabulary x dim} table, output dim x H x W. No MACs and no element operations: it reads the rows of
     * its tokens, tokens x dim words ({@link Layer#readWords}), and writes them; the table is
     * {@code vocabulary x dim} constants.
     */
    public static Layer embedding(int index, String name, List<String> inputs, Shape in, int batch, long vocabulary,
                                  long dim) {
        if (in.channels() != 1) {
            throw new LayerException("input", "layer '" + name + "': an embedding reads token ids, one channel per "
                    + "position (1 x height x width), not " + in);
        }
        if (vocabulary < 1) {
            throw new LayerException("vocabulary", "layer '" + name + "': the vocabulary must hold at least 1 row");
        }
        int d = toInt(name, "dim", dim);
        Counts.elements(name, "the table", vocabulary, dim);
        return vector(index, name, LayerKind.EMBEDDING, inputs, List.of(in), new Shape(d, in.height(), in.width()),
                batch, null, 0, vocabulary * dim);
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
        return new Layer(index, name, kind, inputs, in, out, batch, w, p, 0, 0, TensorSpecs.DEFAULT);
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
                                int batch, Window w, long ops, long constants) {
        Counts.tensors(name, inputs, in, out, batch);
        return new Layer(index, name, kind, inputs, in, out, batch, w, null, ops, constants, TensorSpecs.DEFAULT);
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
