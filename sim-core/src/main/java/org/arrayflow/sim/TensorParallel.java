package org.arrayflow.sim;

import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.Chips;
import org.arrayflow.arch.Cores.Partition;
import org.arrayflow.arch.KindModel;
import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.Planner;
import org.arrayflow.result.Activity;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Problem;
import org.arrayflow.workload.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A matrix layer across identical chips ({@code chips:}, tensor parallelism): split by output channels, each
 * chip computing its channels and an all-gather giving every chip the whole output, or by input channels (the
 * reduction), each chip a partial sum of the whole output and an all-reduce adding them; whichever finishes first
 * (ties: less energy). The collective follows the chip's compute (no overlap), so every layer's output is whole
 * on every chip when the next starts. A layer neither way splits runs on one chip. Energy is the active chips'
 * (an idle chip's leakage is left out).
 */
final class TensorParallel {
    private TensorParallel() {}

    static <D> LayerResult layer(Planner<D> planner, Architecture arch, KindModel model, D decisions, Layer layer,
                                 LayerContext ctx, boolean trace) {
        int p = arch.chips().count();
        LayerResult best = null;
        CoreSplit byK = CoreSplit.of(layer, Partition.OUTPUT_CHANNELS, p);
        if (byK != null) {
            best = run(planner, arch, model, decisions, layer, ctx, trace, byK.shares(), false, "output_channels");
        }
        List<CoreSplit.Share> byC = reduction(layer, p);
        if (byC != null) {
            LayerResult r = run(planner, arch, model, decisions, layer, ctx, trace, byC, true, "input_channels");
            if (best == null || r.totalCycles() < best.totalCycles()
                    || r.totalCycles() == best.totalCycles() && r.energyPj() < best.energyPj()) {
                best = r;
            }
        }
        if (best == null) {
            best = run(planner, arch, model, decisions, layer, ctx, trace, List.of(new CoreSplit.Share(layer, 1, 1)),
                    false, null);
        }
        return best;
    }

    /** The layer on one chip, as a single chip runs it (on its cores, if it has several). */
    private static <D> LayerResult chip(Planner<D> planner, Architecture arch, KindModel model, D decisions, Layer l,
                                        LayerContext ctx, boolean trace) {
        return arch.cores().multi() ? MultiCoreStep.layer(planner, arch, model, decisions, l, ctx, trace)
                : Simulator.layer(arch.core(), model, l, planner.plan(l, ctx, decisions), arch.precision(l), trace);
    }

    /** The input channels C split into ceil/floor shares (conv, fc, linear, gemm), or null below two channels. */
    static List<CoreSplit.Share> reduction(Layer l, int parts) {
        Problem pr = l.problem();
        if (pr == null || pr.c() < 2 || parts < 2 || !(l.kind() == LayerKind.CONV2D || l.kind() == LayerKind.FC
                || l.kind() == LayerKind.LINEAR || l.kind() == LayerKind.GEMM)) {
            return null;
        }
        int active = Math.min(parts, pr.c());
        int small = pr.c() / active;
        int rem = pr.c() % active;
        List<CoreSplit.Share> out = new ArrayList<>();
        out.add(new CoreSplit.Share(channels(l, rem == 0 ? small : small + 1), rem == 0 ? active : rem,
                rem == 0 ? small : small + 1));
        if (rem != 0) {
            out.add(new CoreSplit.Share(channels(l, small), active - rem, small));
        }
        return out;
    }

    private static Layer channels(Layer l, int c) {
        Problem p = l.problem();
        Shape in = l.input();
        List<Shape> ins = new ArrayList<>(l.inputShapes());
        int perC = in.channels() / (p.g() * p.c());
        ins.set(0, new Shape(perC * p.g() * c, in.height(), in.width()));
        Problem sp = new Problem(p.kind(), p.n(), p.g(), c, p.k(), p.h(), p.w(), p.window(), p.p(), p.q());
        return new Layer(l.index(), l.name(), l.kind(), l.inputs(), ins, l.output(), l.batch(), l.window(), sp,
                l.vectorOps(), l.constants(), l.tensors());
    }

    private static <D> LayerResult run(Planner<D> planner, Architecture arch, KindModel model, D decisions,
                                       Layer layer, LayerContext ctx, boolean trace, List<CoreSplit.Share> shares,
                                       boolean allReduce, String split) {
        Chips chips = arch.chips();
        List<LayerResult> parts = new ArrayList<>();
        for (CoreSplit.Share s : shares) {
            parts.add(chip(planner, arch, model, decisions, s.layer(), ctx, trace));
        }
        LayerResult first = parts.get(0);
        Map<String, Traffic> traffic = new LinkedHashMap<>();
        List<EnergyItem> energy = new ArrayList<>();
        long macs = 0;
        long gated = 0;
        long skipped = 0;
        for (int i = 0; i < parts.size(); i++) {
            LayerResult r = parts.get(i);
            int c = shares.get(i).cores();
            r.traffic().forEach(t -> traffic.merge(t.level() + "\0" + t.tensor(), scaled(t, c), TensorParallel::plus));
            r.energy().forEach(e -> energy.add(new EnergyItem(e.component(), e.detail(), e.count() * c, e.unitPj(),
                    e.energyPj() * c)));
            macs += c * r.activity().macs();
            gated += c * r.activity().gatedMacs();
            skipped += c * r.activity().skippedMacs();
        }
        if (macs + skipped != layer.macs()) {
            throw new IllegalStateException("layer '" + layer.name() + "': its chips did " + macs + " MACs and skipped "
                    + skipped + ", the layer has " + layer.macs());
        }
        long collective = 0;
        Map<String, String> m = new LinkedHashMap<>(first.mapping());
        Map<String, Long> busy = new LinkedHashMap<>(first.busy());
        if (split != null) {
            long elements = layer.output().elements() * layer.batch();
            long bytes = arch.precision(layer).bytes(Tensor.OFMAP, elements);
            collective = allReduce ? chips.allReduceCycles(bytes, arch.clockMhz())
                    : chips.allGatherCycles(bytes, arch.clockMhz());
            long linkElements = (allReduce ? 2L : 1L) * (chips.count() - 1) * elements;
            long linkBytes = chips.linkBytes(bytes, allReduce);
            traffic.put("link", new Traffic("link", Tensor.OFMAP.label(), 0, linkElements, 0, 0, linkBytes));
            energy.add(EnergyItem.of("link", "ofmap bytes sent between chips", linkBytes, chips.energyPjPerByte()));
            m.put("chips", shares.stream().mapToInt(CoreSplit.Share::cores).sum() + " of " + chips.count() + " by "
                    + split + ", " + (allReduce ? "all-reduce" : "all-gather") + " of " + bytes + " bytes: "
                    + collective + " cycles");
            busy.put("link", collective);
        } else {
            m.put("chips", "1 of " + chips.count() + " (the layer does not split)");
        }
        long total = first.totalCycles() + collective;
        long compute = first.computeCycles();
        int rate = first.timing().rate();
        double util = total == 0 ? 0 : (double) macs / ((double) arch.peCount() * rate * total);
        Activity a = first.activity();
        return new LayerResult(new LayerResult.LayerInfo(layer.index(), layer.name(), layer.kind().yamlName(),
                layer.describe(), layer.macs(), layer.weights()), new LayerResult.Timing(total, compute,
                total - compute, util, rate), new ArrayList<>(traffic.values()), energy,
                new Activity(macs, a.vectorOps(), a.precision(), a.macScale(), a.macPj(), gated, skipped), m, busy,
                first.trace());
    }

    private static Traffic scaled(Traffic t, long c) {
        return new Traffic(t.level(), t.tensor(), t.reads() * c, t.writes() * c, t.fills() * c, t.drains() * c,
                t.bytes() * c);
    }

    private static Traffic plus(Traffic a, Traffic b) {
        return new Traffic(a.level(), a.tensor(), a.reads() + b.reads(), a.writes() + b.writes(),
                a.fills() + b.fills(), a.drains() + b.drains(), a.bytes() + b.bytes());
    }
}
