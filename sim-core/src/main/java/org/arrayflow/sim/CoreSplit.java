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
 * (a GEMM's tokens), each core reading its input rows with the window's halo and all the weights, and batch
 * splits N (every core reads all the weights). An uneven split gives the first dim mod n cores one more than the
 * others; fewer units than cores leave cores idle. The shares' MACs add up to the layer's exactly.
 *
 * @param partition  the partition applied
 * @param shares     at most two distinct sub-layers, the larger first, with how many cores run each
 * @param replicated the tensor every core reads whole
 * @param units      the size of the split dimension
 */
public record CoreSplit(Partition partition, List<Share> shares, Tensor replicated, int units) {
    /** A sub-layer and the number of cores that run one copy each. */
    public record Share(Layer layer, int cores, int units) {}

    /** Cores that get work. */
    public int activeCores() {
        return shares.stream().mapToInt(Share::cores).sum();
    }

    /** The split, or null where the dimension has fewer than two units (then no core would share the work). */
    public static CoreSplit of(Layer layer, Partition partition, int cores) {
        Problem pr = layer.problem();
        if (pr == null) {
            return null;
        }
        boolean rows = pr.p() >= 2;
        int units = switch (partition) {
            case OUTPUT_CHANNELS -> pr.k();
            case OUTPUT_PIXELS -> rows ? pr.p() : pr.q();
            case BATCH -> pr.n();
            case AUTO -> throw new IllegalArgumentException("auto is a choice among partitions, not one");
        };
        if (units < 2 || cores < 2) {
            return null;
        }
        int active = Math.min(cores, units);
        int small = units / active;
        int rem = units % active;
        int big = rem == 0 ? small : small + 1;
        int bigCores = rem == 0 ? active : rem;
        List<Share> shares = new ArrayList<>();
        shares.add(new Share(sub(layer, partition, rows, big), bigCores, big));
        if (bigCores < active) {
            shares.add(new Share(sub(layer, partition, rows, small), active - bigCores, small));
        }
        Tensor replicated = partition == Partition.OUTPUT_CHANNELS ? Tensor.IFMAP : Tensor.WEIGHT;
        return new CoreSplit(partition, List.copyOf(shares), replicated, units);
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
