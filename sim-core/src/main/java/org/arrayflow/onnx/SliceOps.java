package org.arrayflow.onnx;

import org.arrayflow.onnx.OnnxModel.Node;

/**
 * The indexing ops of {@link ShapeOps}: Slice, Split, Pad, Expand and Gather, folded on constants and free
 * (the output indexes the input) on computed tensors, except Gather from a weight table by computed indices,
 * which is an embedding lookup and left to {@link VectorOps}.
 */
final class SliceOps {
    private SliceOps() {}

    static void slice(Importer im, Node n) {
        Value x = im.in(n, 0);
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (n.inputs().size() > 1) { // opset 10 and later: inputs
            starts = ShapeOps.constantOf(im, n, 1, "starts").asLongs();
            ends = ShapeOps.constantOf(im, n, 2, "ends").asLongs();
            axes = n.input(3).isEmpty() ? null : ShapeOps.constantOf(im, n, 3, "axes").asLongs();
            steps = n.input(4).isEmpty() ? null : ShapeOps.constantOf(im, n, 4, "steps").asLongs();
        } else {
            starts = n.intsAttr("starts");
            ends = n.intsAttr("ends");
            axes = n.intsAttr("axes");
        }
        int r = x.rank();
        long[] start = new long[r];
        long[] step = new long[r];
        long[] out = x.dims().clone();
        java.util.Arrays.fill(step, 1);
        for (int i = 0; i < starts.length; i++) {
            int a = (int) (axes == null ? i : ShapeOps.axis(axes[i], r, false));
            long len = x.dims()[a];
            long st = steps == null ? 1 : steps[i];
            if (st == 0) {
                throw im.error(n, "a slice step of 0");
            }
            long s = starts[i] < 0 ? starts[i] + len : starts[i];
            long e = ends[i] < 0 ? ends[i] + len : ends[i];
            if (st > 0) {
                s = Math.max(0, Math.min(len, s));
                e = Math.max(0, Math.min(len, e));
                out[a] = Math.max(0, (e - s + st - 1) / st);
            } else {
                s = Math.max(-1, Math.min(len - 1, s));
                e = Math.max(-1, Math.min(len - 1, e));
                out[a] = Math.max(0, (s - e - st - 1) / -st);
            }
            start[a] = s;
            step[a] = st;
        }
        im.out(n, 0, x.isConstant() ? Folding.slice(x, start, step, out) : Folding.reshaped(x, out));
    }

    static void split(Importer im, Node n) {
        Value x = im.in(n, 0);
        int ax = (int) ShapeOps.axis(n.intAttr("axis", 0), x.rank(), false);
        long[] sizes = n.inputs().size() > 1 && !n.input(1).isEmpty()
                ? ShapeOps.constantOf(im, n, 1, "split").asLongs() : n.intsAttr("split");
        int parts = n.outputs().size();
        long len = x.dims()[ax];
        if (sizes == null) {
            long each = (len + parts - 1) / parts;
            sizes = new long[parts];
            for (int i = 0; i < parts; i++) {
                sizes[i] = Math.max(0, Math.min(each, len - i * each));
            }
        }
        long offset = 0;
        for (int i = 0; i < parts; i++) {
            long[] d = x.dims().clone();
            d[ax] = sizes[i];
            if (x.isConstant()) {
                long[] start = new long[x.rank()];
                long[] step = new long[x.rank()];
                java.util.Arrays.fill(step, 1);
                start[ax] = offset;
                im.out(n, i, Folding.slice(x, start, step, d));
            } else {
                im.out(n, i, Folding.reshaped(x, d));
            }
            offset += sizes[i];
        }
    }

    static void pad(Importer im, Node n) {
        Value x = im.in(n, 0);
        long[] pads = n.inputs().size() > 1 ? ShapeOps.constantOf(im, n, 1, "pads").asLongs() : n.intsAttr("pads");
        int r = x.rank();
        long[] axes = n.input(3).isEmpty() ? null : ShapeOps.constantOf(im, n, 3, "axes").asLongs();
        long[] out = x.dims().clone();
        int count = axes == null ? r : axes.length;
        for (int i = 0; i < count; i++) {
            int a = (int) (axes == null ? i : ShapeOps.axis(axes[i], r, false));
            out[a] += pads[i] + pads[i + count];
        }
        if (x.isConstant()) {
            throw im.error(n, "padding a constant is not supported");
        }
        im.out(n, 0, Folding.reshaped(x, out));
    }

    static void expand(Importer im, Node n) {
        Value x = im.in(n, 0);
        long[] shape = ShapeOps.constantOf(im, n, 1, "shape").asLongs();
        long[] out = Folding.broadcast(x.dims(), shape);
        if (out == null) {
            throw im.error(n, "cannot expand " + Value.dimsText(x.dims()) + " to " + Value.dimsText(shape));
        }
        if (x.isConstant()) {
            Value r = Folding.binary(x, Value.constant(out, new double[(int) Math.min(OnnxWire.MAX_VALUES + 1L,
                    Folding.elements(out))], OnnxModel.FLOAT), Double::sum, false);
            im.out(n, 0, r == null ? new Value(out, x.type(), null, null, null, true, null) : r.withType(x.type()));
        } else {
            im.out(n, 0, Folding.reshaped(x, out));
        }
    }

    /** Gather of constants, or by constant indices (free); false for a lookup by computed indices. */
    static boolean gather(Importer im, Node n) {
        Value data = im.in(n, 0);
        Value idx = im.in(n, 1);
        if (!idx.isConstant()) {
            return false;
        }
        int ax = (int) ShapeOps.axis(n.intAttr("axis", 0), data.rank(), false);
        long[] out = new long[data.rank() - 1 + idx.rank()];
        int k = 0;
        for (int i = 0; i < ax; i++) {
            out[k++] = data.dims()[i];
        }
        for (long d : idx.dims()) {
            out[k++] = d;
        }
        for (int i = ax + 1; i < data.rank(); i++) {
            out[k++] = data.dims()[i];
        }
        if (data.isConstant()) {
            im.out(n, 0, Folding.gather(data, idx.asLongs(), idx.dims(), ax, out));
        } else {
            im.out(n, 0, Folding.reshaped(data, out));
        }
        im.counts.foldedNodes++;
        return true;
    }
}
