package org.arrayflow.kind.systolic;

import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.dataflow.NetworkPlan;
import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.dataflow.Planner;
import org.arrayflow.dataflow.ResidencyPlan;
import org.arrayflow.engine.Server;
import org.arrayflow.engine.TileProgram;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Gemm;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The systolic-array dataflow: lowers matrix layers to folds (see {@link FoldGeometry}) and vector
 * layers (pooling, element-wise) to streamed passes over a vector unit, as engine programs.
 *
 * <p>Program shape: servers {@code array} first, then the DRAM links, then {@code vector}; queues {@code compute}
 * first, then the loads' and the stores' ({@link DramPorts}); where stationary tiles shift in during folds, a
 * {@code shift} unit and queue last ({@link ShiftIn}); one capacity-limited buffer per on-chip SRAM; levels
 * {@code dram} then the SRAMs in file order.
 */
public final class SystolicPlanner implements Planner<Void> {
    static final int SRV_ARRAY = 0;
    static final int Q_COMPUTE = 0;
    /** Stream chunks tried below the longest that fits: 4 powers of two, down to a sixteenth. */
    private static final int SHORTER_CHUNKS = 4;
    /** Attempts whose costs differ by at most this fraction are compared by DRAM bytes. */
    private static final double NEAR = 0.005;

    private final SystolicArch arch;
    private final List<String> levels;
    private final DramPorts ports;

    /** Whether losing attempts are abandoned part-way (see {@link #attempt}); off only to check that it is exact. */
    private final boolean bounded;
    /** Attempts abandoned so far (a test's evidence that the bound was exercised). */
    long abandoned;

    public SystolicPlanner(SystolicArch arch) {
        this(arch, true);
    }

    SystolicPlanner(SystolicArch arch, boolean bounded) {
        this.bounded = bounded;
        this.arch = arch;
        List<String> l = new ArrayList<>();
        l.add("dram");
        for (Buffer b : arch.buffers()) {
            l.add(b.name());
        }
        this.levels = List.copyOf(l);
        this.ports = new DramPorts(arch.dram(), arch.clockMhz());
    }

    DramPorts ports() {
        return ports;
    }

    /**
     * Every layer alone; activations stay between layers in the buffer that holds both ifmaps and ofmaps,
     * if there is one ({@link ResidencyPlan}).
     */
    @Override
    public NetworkPlan<Void> planNetwork(Network net, boolean scaleSimCompat) {
        int shared = -1;
        long sharedBytes = 0;
        for (int i = 0; i < arch.buffers().size(); i++) {
            Buffer b = arch.buffers().get(i);
            if (b.holds(Tensor.IFMAP) && b.holds(Tensor.OFMAP)) {
                shared = i;
                sharedBytes = b.sizeBytes();
            }
        }
        String level = arch.bufferFor(Tensor.OFMAP).name();
        List<LayerContext> contexts = ResidencyPlan.plan(net, arch.buffers().size(), shared, sharedBytes,
                l -> arch.precision(l).bytesAt(level, Tensor.OFMAP, l.outputWords()),
                (l, i, elements) -> arch.precision(l).bytesAt(level, i < 0 ? Tensor.OFMAP
                        : l.kind() == LayerKind.MATMUL && i == 1 ? Tensor.WEIGHT : Tensor.IFMAP, elements),
                scaleSimCompat);
        return new NetworkPlan<>(LayerGroup.singletons(net), contexts, null);
    }

    @Override
    public PlannedLayer plan(Layer layer, LayerContext ctx, Void none) {
        if (!layer.kind().isMatrix()) {
            return new VectorPass(arch, this, layer, ctx).plan();
        }
        FoldPlan best = null;
        MappingException tooLong = null;
        for (FoldPlan.Order order : FoldPlan.Order.values()) {
            FoldPlan first;
            try {
                first = attempt(layer, ctx, order, Long.MAX_VALUE, Double.NaN); // planned whole: it decides the ladder
            } catch (FoldPlan.TooManyFolds e) {
                // planned as blocks, this loop order reached no steady state in time: another one may
                tooLong = tooLong == null ? e : tooLong;
                continue;
            }
            best = cheaper(best, first);
            // A stream cut so partial sums fit may be cut shorter: a longer chunk re-reads the weights less, a
            // shorter one keeps the other operand's slices small enough to stay cached. Where that may help
            // (FoldPlan.shorterChunkMayHelp), try the next powers of two below: the same ladder whatever the
            // accumulator size, so a larger one only adds choices.
            long cut = first.shorterChunkMayHelp() ? first.cutChunk() : -1;
            long c = cut > 1 ? Long.highestOneBit(cut - 1) : 0;
            for (int i = 0; i < SHORTER_CHUNKS && c >= 1; i++, c /= 2) {
                try {
                    best = cheaper(best, attempt(layer, ctx, order, c, bounded ? best.costCycles() : Double.NaN));
                } catch (FoldPlan.TooManyFolds e) {
                    break; // shorter chunks only make more blocks
                } catch (FoldPlan.Abandoned e) {
                    abandoned++; // already beyond the best: cheaper() would have kept the best
                }
            }
            if (!first.orderMatters()) {
                break;
            }
        }
        if (best == null) {
            throw tooLong;
        }
        return best.result();
    }

    /** The shift unit of a program made with {@code shifting}: after the array, DRAM links and vector unit. */
    int shiftServer() {
        return ports.servers().size();
    }

    int shiftQueue() {
        return ports.queues().size();
    }

    /**
     * One attempt, abandoned ({@link FoldPlan.Abandoned}) once its cost is {@link #beyond} {@code bestCost} (NaN:
     * never). Costs only grow while an attempt is planned, so an abandoned one would have lost to the best in
     * {@link #cheaper}: bounding changes which attempts are finished, never which one is chosen.
     */
    private FoldPlan attempt(Layer layer, LayerContext ctx, FoldPlan.Order order, long chunkCap, double bestCost) {
        FoldPlan p = new FoldPlan(arch, this, layer, ctx, order, chunkCap);
        p.build(bestCost);
        return p;
    }

    /** Whether a cost {@code a} is more than {@link #NEAR} above {@code b}: no longer a near tie, and worse. */
    static boolean beyond(double a, double b) {
        return a > b && a - b > NEAR * b;
    }

    /**
     * The cheaper attempt: by {@link FoldPlan#costCycles}, except that within {@link #NEAR} of each other the one
     * with fewer DRAM bytes is cheaper (a fraction of a percent of time is not worth more traffic and energy); the
     * earlier one on a tie.
     */
    private static FoldPlan cheaper(FoldPlan best, FoldPlan p) {
        if (best == null) {
            return p;
        }
        double a = p.costCycles();
        double b = best.costCycles();
        if (!beyond(a, b) && !beyond(b, a)) {
            return p.dramBytes() < best.dramBytes() || (p.dramBytes() == best.dramBytes() && a < b) ? p : best;
        }
        return a < b ? p : best;
    }

    TileProgram newProgram(long[] capacity, boolean shifting) {
        List<String> names = new ArrayList<>();
        for (Buffer b : arch.buffers()) {
            names.add(b.name());
        }
        List<Server> servers = new ArrayList<>(ports.servers());
        List<String> queues = new ArrayList<>(ports.queues());
        if (shifting) {
            servers.add(Server.unit("shift"));
            queues.add("shift");
        }
        return new TileProgram(servers, queues, names, capacity, levels, Tensor.values().length);
    }

    /** Bytes of each buffer this layer may use: capacity less other live tensors and a kept output. */
    long[] usableBytes(LayerContext ctx, long reservedOutputBytes) {
        List<Buffer> bufs = arch.buffers();
        long[] cap = new long[bufs.size()];
        int out = arch.bufferIndex(arch.bufferFor(Tensor.OFMAP));
        for (int i = 0; i < cap.length; i++) {
            cap[i] = bufs.get(i).sizeBytes() - ctx.residentBytes(i) - (i == out ? reservedOutputBytes : 0);
            if (cap[i] <= 0) {
                throw new org.arrayflow.dataflow.MappingException("buffer " + bufs.get(i).name()
                        + " has no room left for layer work after the tensors kept on chip");
            }
        }
        return cap;
    }

    static Map<String, String> mapping(Object... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(String.valueOf(kv[i]), String.valueOf(kv[i + 1]));
        }
        return m;
    }

    static List<Gemm> gemms(Layer layer) {
        return layer.gemms();
    }

    static boolean stationaryOutput(SystolicDataflow d) {
        return d == SystolicDataflow.OUTPUT_STATIONARY;
    }
}
