package org.arrayflow.sim;

import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.Cores;
import org.arrayflow.arch.Cores.Partition;
import org.arrayflow.arch.KindModel;
import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.dataflow.Planner;
import org.arrayflow.energy.EnergyAccount;
import org.arrayflow.engine.SharedLinks;
import org.arrayflow.result.Activity;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One matrix layer on a chip of identical cores ({@code cores:}): split by a partition ({@link CoreSplit}), each
 * distinct share planned by the kind's own planner for one core, the largest share's program timed with the
 * shared links carrying every core's bytes ({@link SharedLinks}), and the counts of all cores added up. The
 * layer's time is the largest share's (the wall time); traffic, MACs and energy are all cores'. See
 * docs/multicore.md for the model and what is approximate.
 */
final class MultiCoreStep {
    private static final List<Partition> ORDER = List.of(Partition.OUTPUT_CHANNELS, Partition.OUTPUT_PIXELS,
            Partition.BATCH, Partition.OUTPUT_TILES);

    private MultiCoreStep() {}

    /**
     * The layer on the chip. A set partition is used where the layer splits along it, else the next in
     * {@link #ORDER} that does, else the layer runs on one core; auto takes the fastest (ties: less energy, then
     * more cores, then {@link #ORDER}) of every partition on n, ⌈n/2⌉, ⌈n/4⌉, ... cores and of one core alone, so a
     * chip of 2n cores is never slower than one of n.
     */
    static <D> LayerResult layer(Planner<D> planner, Architecture arch, KindModel model, D decisions, Layer layer,
                                 LayerContext ctx, boolean trace) {
        Cores cores = arch.cores();
        if (!layer.kind().isMatrix()) {
            return vectorLayer(planner, arch, model, decisions, layer, ctx, trace);
        }
        if (cores.partition() != Partition.AUTO) {
            List<Partition> order = new ArrayList<>(List.of(cores.partition()));
            ORDER.stream().filter(p -> p != cores.partition()).forEach(order::add);
            for (Partition p : order) {
                CoreSplit split = CoreSplit.of(layer, p, cores.count(), arch.core().outputChannelLanes());
                if (split != null) {
                    String note = p == cores.partition() ? "" : " (" + cores.partition().yamlName()
                            + " does not split this layer)";
                    return split(planner, arch, model, decisions, layer, ctx, trace, split, note);
                }
            }
            return alone(planner, arch, model, decisions, layer, ctx, trace, " (no partition splits this layer)");
        }
        LayerResult best = null;
        for (int n = cores.count(); n > 1; n = (n + 1) / 2) {
            for (Partition p : ORDER) {
                CoreSplit split = CoreSplit.of(layer, p, n, arch.core().outputChannelLanes());
                // a grid of a x b cores may leave some of the n idle (a x b <= n); the 1-D cuts use all n here,
                // their smaller counts being tried at the smaller n
                if (split != null && (split.activeCores() == n || p == Partition.OUTPUT_TILES)
                        && !cannotWin(best, arch, layer, split.shares().stream().mapToLong(s -> s.layer().macs())
                                .max().orElse(0))) {
                    best = better(best, split(planner, arch, model, decisions, layer, ctx, trace, split, ""));
                }
            }
        }
        return cannotWin(best, arch, layer, layer.macs()) ? best
                : better(best, alone(planner, arch, model, decisions, layer, ctx, trace, ""));
    }

    /**
     * Whether a candidate whose busiest core does {@code coreMacs} MACs is slower than {@code best} whatever its
     * mapping: a core does at most PEs x rate MACs a cycle, so it takes at least coreMacs / (PEs x rate) cycles.
     * Skipping such candidates changes no choice (they would lose on time) and saves their planning: on many
     * cores the smaller counts of a compute-bound layer are skipped. Only for dense weights, the one case where
     * no kind skips MACs (structured or zero skipping need pruned weights).
     */
    private static boolean cannotWin(LayerResult best, Architecture arch, Layer layer, long coreMacs) {
        if (best == null || coreMacs == 0 || !arch.precision(layer).density(Tensor.WEIGHT).equals(Density.DENSE)) {
            return false;
        }
        long perCycle = arch.core().peCount() * (long) arch.core().compute(layer).runsAs().macsPerCycle();
        return (coreMacs + perCycle - 1) / perCycle > best.totalCycles();
    }

    /**
     * A vector layer cut along its rows or tokens ({@link CoreSplit#ofVector}) whatever the partition: on all the
     * cores when one is set, and under auto the fastest of n, ⌈n/2⌉, ... cores and one alone (a short layer may
     * not pay for more cores' first transfers).
     */
    private static <D> LayerResult vectorLayer(Planner<D> planner, Architecture arch, KindModel model, D decisions,
                                               Layer layer, LayerContext ctx, boolean trace) {
        Cores cores = arch.cores();
        if (cores.partition() != Partition.AUTO) {
            CoreSplit split = CoreSplit.ofVector(layer, cores.count());
            return split == null ? alone(planner, arch, model, decisions, layer, ctx, trace,
                    " (the layer does not split)") : split(planner, arch, model, decisions, layer, ctx, trace, split, "");
        }
        LayerResult best = null;
        for (int n = cores.count(); n > 1; n = (n + 1) / 2) {
            CoreSplit split = CoreSplit.ofVector(layer, n);
            if (split != null && split.activeCores() == n) {
                best = better(best, split(planner, arch, model, decisions, layer, ctx, trace, split, ""));
            }
        }
        return better(best, alone(planner, arch, model, decisions, layer, ctx, trace, ""));
    }

    private static LayerResult better(LayerResult best, LayerResult r) {
        if (best == null || r.totalCycles() < best.totalCycles()
                || r.totalCycles() == best.totalCycles() && r.energyPj() < best.energyPj()) {
            return r;
        }
        return best;
    }

    /** The whole layer on one core, the others idle. */
    private static <D> LayerResult alone(Planner<D> planner, Architecture arch, KindModel model, D decisions,
                                         Layer layer, LayerContext ctx, boolean trace, String note) {
        LayerResult r = Simulator.layer(arch.core(), model, layer, planner.plan(layer, ctx, decisions),
                arch.precision(layer), trace);
        Map<String, String> m = new LinkedHashMap<>(r.mapping());
        m.put("cores", "1 of " + arch.cores().count() + note);
        m.put("core_busy", String.valueOf(r.computeCycles()));
        m.put("core_dram_bytes", String.valueOf(r.bytes("dram")));
        return chipWide(arch, model, layer, r, r.traffic(), List.of(), r.activity(), m);
    }

    private static <D> LayerResult split(Planner<D> planner, Architecture arch, KindModel model, D decisions,
                                         Layer layer, LayerContext ctx, boolean trace, CoreSplit split, String note) {
        Cores cores = arch.cores();
        int n = split.activeCores();
        CoreSplit.Share first = split.shares().get(0);
        // copies of each tensor on a shared link, in units of the largest share's: the ifmap scales with a share's
        // pixels, the weights with its channels, the outputs with both; exact when the cuts are even, otherwise the
        // smaller shares' bytes taken as proportional to their units (an approximation)
        double ifmapCopies = 0;
        double weightCopies = 0;
        double copies = 0;
        for (CoreSplit.Share s : split.shares()) {
            ifmapCopies += s.cores() * (double) s.pUnits() / first.pUnits();
            weightCopies += s.cores() * (double) s.kUnits() / first.kUnits();
            copies += s.cores() * (double) s.kUnits() * s.pUnits() / ((double) first.kUnits() * first.pUnits());
        }
        List<Tensor> held = held(arch, split);
        double linkFactor = cores.sharedDram() ? copies : 1;
        double[] factors = new double[Tensor.values().length];
        java.util.Arrays.fill(factors, linkFactor);
        factors[Tensor.IFMAP.ordinal()] = cores.sharedDram() ? ifmapCopies : 1;
        factors[Tensor.WEIGHT.ordinal()] = cores.sharedDram() ? weightCopies : 1;
        for (Tensor t : held) {
            // DRAM sends each distinct piece once (one per group of the other dimension's cut); the shared level then
            // serves the n copies at its bandwidth
            double distinct = !cores.sharedDram() ? 1 : t == Tensor.IFMAP ? split.pixels().weighted()
                    : split.channels().weighted();
            factors[t.ordinal()] = Math.max(distinct, n * arch.core().sustainedDramBytesPerCycle()
                    / cores.sharedLevel().bytesPerCycle(arch.clockMhz()));
        }
        List<LayerResult> parts = new ArrayList<>();
        for (CoreSplit.Share s : split.shares()) {
            PlannedLayer pl = planner.plan(s.layer(), ctx, decisions);
            if (parts.isEmpty()) {
                SharedLinks.load(pl.program(), MultiCoreStep::dramLink, "dram", factors, linkFactor);
            }
            parts.add(Simulator.layer(arch.core(), model, s.layer(), pl, arch.precision(s.layer()), trace));
        }
        return combine(arch, model, layer, split, parts, held, note);
    }

    /** The DRAM links of every kind's programs: one named dram, or one per operand, dram_ifmap and so on. */
    private static boolean dramLink(String server) {
        return server.equals("dram") || server.startsWith("dram_");
    }

    /**
     * The replicated tensors the shared level serves: cores in lockstep read each piece of such a tensor in the same
     * step, so the level serves them if it holds what one core has of each distinct piece at a time (the piece
     * whole, or at most the core's own buffers' worth), for every distinct piece (one per group of the other cut);
     * the ifmap is placed first, the weights in what it leaves.
     */
    private static List<Tensor> held(Architecture arch, CoreSplit split) {
        Cores.SharedLevel level = arch.cores().sharedLevel();
        List<Tensor> held = new ArrayList<>();
        if (level == null) {
            return held;
        }
        long free = level.bytes();
        Layer share = split.shares().get(0).layer();
        for (Tensor t : split.replicatedTensors()) {
            int distinct = t == Tensor.IFMAP ? split.pixels().groups() : split.channels().groups();
            long need = distinct * Math.min(footprint(arch, share, t), arch.core().onChipBytes());
            if (need <= free) {
                held.add(t);
                free -= need;
            }
        }
        return held;
    }

    /** Bytes of a share's ifmap (its whole batch's input) or its weights. */
    private static long footprint(Architecture arch, Layer layer, Tensor t) {
        long elements = t == Tensor.IFMAP ? layer.input().elements() * layer.batch() : layer.weights();
        return arch.precision(layer).bytes(t, elements);
    }

    private static LayerResult combine(Architecture arch, KindModel model, Layer layer, CoreSplit split,
                                       List<LayerResult> parts, List<Tensor> held, String note) {
        LayerResult first = parts.get(0);
        Map<String, Traffic> sum = new LinkedHashMap<>();
        long macs = 0;
        long gated = 0;
        long skipped = 0;
        StringBuilder busy = new StringBuilder();
        StringBuilder bytes = new StringBuilder();
        StringBuilder units = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            LayerResult r = parts.get(i);
            int c = split.shares().get(i).cores();
            for (Traffic t : r.traffic()) {
                sum.merge(t.level() + "\0" + t.tensor(), times(t, c), MultiCoreStep::plus);
            }
            macs += c * r.activity().macs();
            gated += c * r.activity().gatedMacs();
            skipped += c * r.activity().skippedMacs();
            busy.append(busy.length() == 0 ? "" : ", ").append(c).append(" x ").append(r.computeCycles());
            bytes.append(bytes.length() == 0 ? "" : ", ").append(c).append(" x ").append(r.bytes("dram"));
            CoreSplit.Share sh = split.shares().get(i);
            units.append(units.length() == 0 ? "" : " + ").append(c).append(" x ").append(
                    split.partition() == Partition.OUTPUT_TILES ? sh.kUnits() + "x" + sh.pUnits() : sh.units());
        }
        if (macs + skipped != layer.macs()) {
            throw new IllegalStateException("layer '" + layer.name() + "': its cores did " + macs + " MACs and skipped "
                    + skipped + ", the layer has " + layer.macs());
        }
        Activity a = first.activity();
        // the layer's own vector operations: a vector layer's shares round theirs up
        Activity all = new Activity(macs, layer.vectorOps(), a.precision(), a.macScale(), a.macPj(), gated, skipped);
        List<Traffic> traffic = new ArrayList<>(sum.values());
        List<EnergyItem> extra = new ArrayList<>();
        for (Tensor t : held) {
            shareLevel(arch, split, t, parts, traffic, extra);
        }
        String grid = split.partition() == Partition.OUTPUT_TILES ? split.channels().groups() + " x "
                + split.pixels().groups() + " groups: " : "";
        Map<String, String> m = new LinkedHashMap<>(first.mapping());
        m.put("cores", split.activeCores() + " of " + arch.cores().count() + " by " + split.partition().yamlName()
                + " (" + grid + units + ")" + (!held.isEmpty() ? ", " + String.join(" and ", held.stream()
                .map(Tensor::label).toList()) + " shared through "
                + arch.cores().sharedLevel().name() : "") + note);
        m.put("core_busy", busy.toString());
        m.put("core_dram_bytes", bytes.toString());
        return chipWide(arch, model, layer, first, traffic, extra, all, m);
    }

    /**
     * A replicated tensor through the shared level: DRAM sends one copy of each distinct piece and fills the level
     * with it; the level serves every core's reads of it. The ifmap's pieces are the pixel groups (each read by the
     * channel groups), the weights' the channel groups: the shares of the first channel (pixel) group's size count
     * each of their pieces once, their cores over the groups of that size in the other cut being the pieces.
     */
    private static void shareLevel(Architecture arch, CoreSplit split, Tensor t, List<LayerResult> parts,
                                   List<Traffic> traffic, List<EnergyItem> energy) {
        Cores.SharedLevel level = arch.cores().sharedLevel();
        String rep = t.label();
        for (int i = 0; i < traffic.size(); i++) {
            Traffic all = traffic.get(i);
            if (!all.level().equals("dram") || !all.tensor().equals(rep)) {
                continue;
            }
            CoreSplit.Cut readers = t == Tensor.IFMAP ? split.channels() : split.pixels();
            int firstSize = t == Tensor.IFMAP ? split.shares().get(0).kUnits() : split.shares().get(0).pUnits();
            Traffic once = null;
            for (int s = 0; s < parts.size(); s++) {
                CoreSplit.Share sh = split.shares().get(s);
                if ((t == Tensor.IFMAP ? sh.kUnits() : sh.pUnits()) != firstSize) {
                    continue;
                }
                long pieces = sh.cores() / readers.bigGroups();
                Traffic own = parts.get(s).traffic().stream().filter(x -> x.level().equals("dram")
                        && x.tensor().equals(rep)).findFirst().orElse(null);
                if (own != null) {
                    once = once == null ? times(own, pieces) : plus(once, times(own, pieces));
                }
            }
            if (once == null) {
                once = all;
            }
            traffic.set(i, once);
            traffic.add(new Traffic(level.name(), rep, all.reads(), 0, once.reads(), 0, all.bytes() + once.bytes()));
            energy.add(EnergyItem.of(level.name(), rep + " bytes read by the cores", all.bytes(), level.readPjPerByte()));
            energy.add(EnergyItem.of(level.name(), rep + " bytes filled from DRAM", once.bytes(),
                    level.writePjPerByte()));
            return;
        }
    }

    /**
     * The chip's result: the whole layer, the largest share's time, every core's counts; energy priced on them, the
     * leakage of every core (idle ones too) for the wall time, and the shared level's accesses ({@code extra}).
     */
    private static LayerResult chipWide(Architecture arch, KindModel model, Layer layer, LayerResult core,
                                        List<Traffic> traffic, List<EnergyItem> extra, Activity activity,
                                        Map<String, String> mapping) {
        long total = core.totalCycles();
        long compute = core.computeCycles();
        int rate = core.timing().rate();
        double util = total == 0 ? 0 : (double) activity.macs() / ((double) arch.core().peCount()
                * arch.cores().count() * rate * total);
        Cores.SharedLevel level = arch.cores().sharedLevel();
        List<EnergyItem> energy = new ArrayList<>(EnergyAccount.energy(traffic.stream()
                .filter(t -> level == null || !t.level().equals(level.name())).toList(), model.energy(), activity,
                total * arch.cores().count()));
        energy.addAll(extra);
        LayerResult.LayerInfo info = new LayerResult.LayerInfo(layer.index(), layer.name(), layer.kind().yamlName(),
                layer.describe(), layer.macs(), layer.weights());
        return new LayerResult(info, new LayerResult.Timing(total, compute, total - compute, util, rate), traffic,
                energy, activity, mapping, core.busy(), core.trace());
    }

    private static Traffic times(Traffic t, long c) {
        return new Traffic(t.level(), t.tensor(), t.reads() * c, t.writes() * c, t.fills() * c, t.drains() * c,
                t.bytes() * c);
    }

    private static Traffic plus(Traffic a, Traffic b) {
        return new Traffic(a.level(), a.tensor(), a.reads() + b.reads(), a.writes() + b.writes(),
                a.fills() + b.fills(), a.drains() + b.drains(), a.bytes() + b.bytes());
    }
}
