package org.arrayflow.sim;

import org.arrayflow.arch.Cores.Partition;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Problem;
import org.arrayflow.workload.Shape;
import org.arrayflow.workload.Window;

import java.util.ArrayList;
import java.util.List;

/**
 * A matrix layer's canonical problem divided among cores by one partition: output channels split K (every core
 * reads the whole ifmap), output pixels split the output rows P, or the output columns Q where there is one row
 * (a GEMM's tokens), each core reading its input rows with the window's halo and all the weights, batch splits N
 * (every core reads all the weights), and output tiles split K into a channel groups and the pixels into b pixel
 * groups at once (a x b cores, as a GPU tiles its output over its SMs: each ifmap piece is read by the a channel
 * groups, each weight piece by the b pixel groups). An uneven cut gives the first units mod groups groups one
 * more unit than the others; fewer units than cores leave cores idle. The shares' MACs add up to the layer's
 * exactly.
 *
 * @param partition  the partition applied
 * @param shares     at most four distinct sub-layers, the largest first, with how many cores run each
 * @param channels   how K is cut (one group of all K when the partition does not split it)
 * @param pixels     how the pixels (or the batch) are cut (one group of all when not split)
 */
public record CoreSplit(Partition partition, List<Share> shares, Cut channels, Cut pixels) {
    /**
     * A sub-layer and the number of cores that run one copy each.
     *
     * @param units  units of the split dimension (for output tiles, channels x pixels)
     * @param kUnits its output channels
     * @param pUnits its output pixels (rows or tokens; images under batch)
     */
    public record Share(Layer layer, int cores, int units, int kUnits, int pUnits) {
        public Share(Layer layer, int cores, int units) {
            this(layer, cores, units, units, units);
        }
    }

    /** A dimension of {@code units} cut into big groups of {@code big} units and small ones of {@code small}. */
    public record Cut(int units, int big, int bigGroups, int small, int smallGroups) {
        static Cut of(int units, int parts) {
            int active = Math.min(parts, units);
            int small = units / active;
            int rem = units % active;
            return rem == 0 ? new Cut(units, small, active, small, 0) : new Cut(units, small + 1, rem, small,
                    active - rem);
        }

        static Cut whole(int units) {
            return new Cut(units, units, 1, units, 0);
        }

        public int groups() {
            return bigGroups + smallGroups;
        }

        /** The groups counted in units of a big one's (an uneven cut's small groups as fractions). */
        public double weighted() {
            return bigGroups + smallGroups * (double) small / big;
        }
    }

    /** Cores that get work. */
    public int activeCores() {
        return shares.stream().mapToInt(Share::cores).sum();
    }

    /**
     * The tensors several cores read the same piece of: the ifmap when K is cut, the weights when pixels are; none
     * for a vector layer, whose every tensor is cut.
     */
    public List<Tensor> replicatedTensors() {
        List<Tensor> r = new ArrayList<>();
        if (!shares.get(0).layer().kind().isMatrix()) {
            return r;
        }
        if (channels.groups() > 1) {
            r.add(Tensor.IFMAP);
        }
        if (pixels.groups() > 1) {
            r.add(Tensor.WEIGHT);
        }
        return r;
    }

    /** The split with array lanes of 1 (no preference for a channel group's width). */
    public static CoreSplit of(Layer layer, Partition partition, int cores) {
        return of(layer, partition, cores, 1);
    }

    /**
     * The split, or null where the dimension has fewer than two units (then no core would share the work).
     *
     * @param lanes output channels the core's array computes side by side: output tiles prefer channel groups
     *              that are whole multiples of it
     */
    public static CoreSplit of(Layer layer, Partition partition, int cores, int lanes) {
        Problem pr = layer.problem();
        if (pr == null || cores < 2) {
            return null;
        }
        boolean rows = pr.p() >= 2;
        int pix = rows ? pr.p() : pr.q();
        Partition pixelDim = Partition.OUTPUT_PIXELS;
        Cut k = Cut.whole(pr.k());
        Cut p;
        switch (partition) {
            case OUTPUT_CHANNELS -> {
                if (pr.k() < 2) {
                    return null;
                }
                k = Cut.of(pr.k(), cores);
                p = Cut.whole(pix);
            }
            case OUTPUT_PIXELS -> {
                if (pix < 2) {
                    return null;
                }
                p = Cut.of(pix, cores);
            }
            case BATCH -> {
                if (pr.n() < 2) {
                    return null;
                }
                p = Cut.of(pr.n(), cores);
                pixelDim = Partition.BATCH;
            }
            case OUTPUT_TILES -> {
                int[] ab = grid(layer, pr.k(), pix, cores, Math.max(1, lanes));
                if (ab == null) {
                    return null;
                }
                k = Cut.of(pr.k(), ab[0]);
                p = Cut.of(pix, ab[1]);
            }
            default -> throw new IllegalArgumentException("auto is a choice among partitions, not one");
        }
        List<Share> shares = new ArrayList<>();
        for (int ki = 0; ki < 2; ki++) {
            for (int pi = 0; pi < 2; pi++) {
                int kg = ki == 0 ? k.bigGroups() : k.smallGroups();
                int pg = pi == 0 ? p.bigGroups() : p.smallGroups();
                if (kg == 0 || pg == 0) {
                    continue;
                }
                int ku = ki == 0 ? k.big() : k.small();
                int pu = pi == 0 ? p.big() : p.small();
                Layer l = layer;
                if (k.groups() > 1) {
                    l = sub(l, Partition.OUTPUT_CHANNELS, rows, ku);
                }
                if (p.groups() > 1) {
                    l = sub(l, pixelDim, rows, pu);
                }
                int units = partition == Partition.OUTPUT_TILES ? ku * pu
                        : partition == Partition.OUTPUT_CHANNELS ? ku : pu;
                shares.add(new Share(l, kg * pg, units, ku, pu));
            }
        }
        return new CoreSplit(partition, List.copyOf(shares), k, p);
    }

    /**
     * A vector layer (pooling, element-wise, normalisation, data movement) cut along its output rows, or its
     * columns (tokens) where there is one row: every tensor is cut with it, none replicated. Rows and tokens are
     * never what these layers reduce over (softmax and layer norm reduce along channels, pooling windows get their
     * halo), so each core's piece is independent. A windowed input gets the rows its windows read, another of the
     * output's extent the share's extent, a smaller one (upsampling, broadcast) its proportional part, rounded
     * up. A share's vector operations are its proportional part, rounded up (its time); the layer's own count is
     * what the energy uses. Null where the output has fewer than two rows and columns.
     */
    public static CoreSplit ofVector(Layer layer, int cores) {
        Shape out = layer.output();
        boolean rows = out.height() >= 2;
        int units = rows ? out.height() : out.width();
        if (layer.kind().isMatrix() || units < 2 || cores < 2) {
            return null;
        }
        Cut p = Cut.of(units, cores);
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int groups = i == 0 ? p.bigGroups() : p.smallGroups();
            int s = i == 0 ? p.big() : p.small();
            if (groups > 0) {
                shares.add(new Share(vectorShare(layer, rows, s, units), groups, s, 1, s));
            }
        }
        return new CoreSplit(Partition.OUTPUT_PIXELS, List.copyOf(shares), Cut.whole(out.channels()), p);
    }

    private static Layer vectorShare(Layer l, boolean rows, int s, int units) {
        Shape out = l.output();
        Window w = l.window();
        List<Shape> ins = new ArrayList<>();
        for (Shape in : l.inputShapes()) {
            int extent = rows ? in.height() : in.width();
            int part;
            if (w != null) {
                long reach = (s - 1L) * (rows ? w.sh() : w.sw()) + (rows ? w.extentH() : w.extentW());
                part = (int) Math.min(extent, reach);
            } else if (extent == units) {
                part = s;
            } else {
                part = (int) ceil((long) s * extent, units);
            }
            ins.add(rows ? new Shape(in.channels(), part, in.width()) : new Shape(in.channels(), in.height(), part));
        }
        Shape o = rows ? new Shape(out.channels(), s, out.width()) : new Shape(out.channels(), out.height(), s);
        return new Layer(l.index(), l.name(), l.kind(), l.inputs(), ins, o, l.batch(), w, null,
                ceil(l.vectorOps() * (long) s, units), l.constants(), l.tensors());
    }

    /**
     * The grid a x b (a channel groups, b pixel groups, both at least 2, a·b at most the cores) that minimises,
     * in order: the largest share's work with its channels rounded up to whole lanes (an array that computes
     * {@code lanes} channels side by side spends a whole pass on a partial group), the replicated reads
     * a·ifmap + b·weights (each ifmap piece is read by a cores, each weight piece by b), the cores used, and a.
     * Null where K or the pixels have fewer than two units.
     */
    static int[] grid(Layer layer, int kUnits, int pUnits, int cores, int lanes) {
        long ifmap = layer.input().elements() * layer.batch();
        long weights = layer.weights();
        int[] best = null;
        long[] bestKey = null;
        for (int a = 2; a <= Math.min(kUnits, cores / 2); a++) {
            int b = Math.min(cores / a, pUnits);
            if (b < 2) {
                continue;
            }
            long kBig = ceil(kUnits, a);
            long work = ceil(kBig, lanes) * lanes * ceil(pUnits, b);
            long[] key = {work, a * ifmap + b * weights, (long) a * b};
            if (bestKey == null || less(key, bestKey)) {
                best = new int[] {a, b};
                bestKey = key;
            }
        }
        return best;
    }

    private static boolean less(long[] x, long[] y) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i]) {
                return x[i] < y[i];
            }
        }
        return false;
    }

    private static long ceil(long x, long y) {
        return (x + y - 1) / y;
    }

    /** The layer with {@code s} units of the split dimension; the other dimensions as they were. */
    private static Layer sub(Layer l, Partition partition, boolean rows, int s) {
        Problem p = l.problem();
        Window w = p.window();
        Shape in = l.input();
        Shape out = l.output();
        return switch (partition) {
            case OUTPUT_CHANNELS -> {
                Shape o = out.channels() % p.k() == 0 ? new Shape(out.channels() / p.k() * s, out.height(), out.width())
                        : out;
                yield with(l, new Problem(p.kind(), p.n(), p.g(), p.c(), s, p.h(), p.w(), w, p.p(), p.q()),
                        l.inputShapes(), o, l.batch(), l.window());
            }
            case BATCH -> with(l, new Problem(p.kind(), s, p.g(), p.c(), p.k(), p.h(), p.w(), w, p.p(), p.q()),
                    l.inputShapes(), out, s, l.window());
            default -> {
                // the rows a share of s output rows reads: (s - 1) x stride + the dilated window, the padding
                // counted as input rows (an overcount of at most 2 x pad rows per core, which DRAM never holds)
                Window wn = rows ? new Window(w.kh(), w.kw(), w.sh(), w.sw(), 0, w.pw(), w.dilation())
                        : new Window(w.kh(), w.kw(), w.sh(), w.sw(), w.ph(), 0, w.dilation());
                int h = rows ? (int) ((s - 1L) * w.sh() + w.extentH()) : p.h();
                int wd = rows ? p.w() : (int) ((s - 1L) * w.sw() + w.extentW());
                List<Shape> ins = new ArrayList<>(l.inputShapes());
                ins.set(0, new Shape(in.channels(), rows && in.height() == p.h() ? h : in.height(),
                        !rows && in.width() == p.w() ? wd : in.width()));
                Shape o = new Shape(out.channels(), rows && out.height() == p.p() ? s : out.height(),
                        !rows && out.width() == p.q() ? s : out.width());
                Problem sp = new Problem(p.kind(), p.n(), p.g(), p.c(), p.k(), h, wd, wn, rows ? s : p.p(),
                        rows ? p.q() : s);
                yield with(l, sp, ins, o, l.batch(), l.window() == null ? null : wn);
            }
        };
    }

    private static Layer with(Layer l, Problem p, List<Shape> ins, Shape out, int batch, Window window) {
        return new Layer(l.index(), l.name(), l.kind(), l.inputs(), ins, out, batch, window, p, l.vectorOps(),
                l.constants(), l.tensors());
    }
}
