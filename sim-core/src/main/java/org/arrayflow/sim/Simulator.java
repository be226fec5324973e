package org.arrayflow.sim;

import org.arrayflow.arch.ArchKinds;
import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.KindModel;
import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.dataflow.NetworkPlan;
import org.arrayflow.dataflow.PlannedGroup;
import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.dataflow.Planner;
import org.arrayflow.energy.EnergyAccount;
import org.arrayflow.energy.EnergyTable;
import org.arrayflow.engine.Engine;
import org.arrayflow.engine.EngineResult;
import org.arrayflow.engine.ProgramTooLargeException;
import org.arrayflow.result.Activity;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult.LayerInfo;
import org.arrayflow.result.LayerResult.Timing;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.tensor.Precision;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a network on an architecture: the kind's planner decides for the whole network first (groups, where
 * activations live, any search over all layers), then plans each layer or fused group; each plan runs on the
 * engine (in sequence, a barrier between them) and its counts are priced. Layers identical in shape, context
 * and plan key are simulated once (ResNet repeats its blocks); a multi-layer group runs as one program and
 * one result.
 */
public final class Simulator {
    private Simulator() {}

    public static NetworkResult run(Architecture arch, Network net, SimOptions opts) {
        return run(arch, net, opts, new HashMap<>());
    }

    /**
     * {@link #run}, with the results of layers simulated before (by earlier runs of networks on this same
     * architecture, such as an LLM's decode steps, which differ only in their attention layers) in {@code memo},
     * which the run adds its own to. A layer is looked up by everything its plan depends on, as within a network.
     */
    public static NetworkResult run(Architecture arch, Network net, SimOptions opts, Map<Object, LayerResult> memo) {
        arch.limits().check(net, arch.name()); // every layer, before any is simulated
        KindModel model = ArchKinds.model(arch);
        List<LayerResult> results = run(model.planner(), arch, model, net, opts, memo);
        if (arch.chips().multi() && arch.chips().pipeline()) {
            results = PipelineStages.assign(arch, net, results);
        }
        return new NetworkResult(arch.name(), arch.kind(), arch.source(), net.name(), net.source(), net.batch(),
                arch.clockMhz(), arch.peCount(), results);
    }

    private static <D> List<LayerResult> run(Planner<D> planner, Architecture arch, KindModel model, Network net,
                                             SimOptions opts, Map<Object, LayerResult> memo) {
        NetworkPlan<D> plan = planner.planNetwork(net, opts.scaleSimCompat());
        ResultAdjustment adjust = opts.adjustment();
        boolean trace = opts.trace() || adjust != null && adjust.readsTrace();
        List<LayerResult> results = new ArrayList<>();
        int position = 0;
        for (LayerGroup group : plan.groups()) {
            LayerContext ctx = plan.contexts().get(position);
            position += group.layers().size();
            LayerResult r;
            try {
                r = simulateGroup(planner, arch, model, plan, group, ctx, memo, trace);
            } catch (ProgramTooLargeException e) {
                throw new org.arrayflow.dataflow.MappingException("layer '" + group.name() + "': " + e.getMessage()
                        + ": use a larger array, or split the layer");
            }
            if (adjust != null) {
                r = adjust.adjust(group, r);
                if (!opts.trace()) {
                    r = r.withoutTrace();
                }
            }
            results.add(finite(r));
        }
        return results;
    }

    private static <D> LayerResult simulateGroup(Planner<D> planner, Architecture arch, KindModel model,
                                                 NetworkPlan<D> plan, LayerGroup group, LayerContext ctx,
                                                 Map<Object, LayerResult> memo, boolean trace) {
        LayerResult r;
        if (!group.single()) {
            PlannedGroup pg = planner.planGroup(group, ctx, plan.decisions());
            r = group(arch, model, pg, trace);
        } else {
            Layer layer = group.first();
            Object key = List.of(layer.kind(), layer.inputShapes(), layer.output(), layer.batch(),
                    String.valueOf(layer.window()), layer.groups(), layer.gemms(), layer.vectorOps(), layer.tensors(),
                    ctx, planner.planKey(layer, plan.decisions()));
            LayerResult cached = trace ? null : memo.get(key);
            if (cached != null) {
                r = cached.renamed(layer.index(), layer.name());
            } else if (arch.chips().multi() && !arch.chips().pipeline() && layer.kind().isMatrix()) {
                r = TensorParallel.layer(planner, arch, model, plan.decisions(), layer, ctx, trace);
            } else if (arch.cores().multi()) {
                r = MultiCoreStep.layer(planner, arch, model, plan.decisions(), layer, ctx, trace);
            } else {
                r = layer(arch, model, layer, planner.plan(layer, ctx, plan.decisions()), arch.precision(layer), trace);
            }
            if (cached == null && !trace) {
                memo.put(key, r);
            }
        }
        return r;
    }

    /**
     * A layer's figures, refused when one is not a number a user could use: energies of 1e308 pJ per access
     * overflow to Infinity, and a negative cycle count can only be an overflow. The schemas bound the inputs;
     * this is the last guard, so no report ever shows Infinity or NaN.
     */
    private static LayerResult finite(LayerResult r) {
        String bad = !Double.isFinite(r.energyPj()) ? "its energy is " + r.energyPj() + " pJ"
                : r.totalCycles() < 0 || r.computeCycles() < 0 ? "its cycle count overflowed"
                : !Double.isFinite(r.utilization()) ? "its utilisation is " + r.utilization() : null;
        if (bad != null) {
            throw new org.arrayflow.dataflow.MappingException("layer '" + r.name() + "': " + bad + ": the inputs' "
                    + "energies or sizes are too large to count");
        }
        return r;
    }

    /**
     * One layer in a given context (where its inputs are, what stays on chip), planned as if it were the whole
     * network: plan, execute, account.
     */
    public static LayerResult simulateLayer(Architecture arch, Layer layer, LayerContext ctx, boolean trace) {
        KindModel model = ArchKinds.model(arch);
        return simulateLayer(model.planner(), arch, model, layer, ctx, trace);
    }

    private static <D> LayerResult simulateLayer(Planner<D> planner, Architecture arch, KindModel model, Layer layer,
                                                 LayerContext ctx, boolean trace) {
        Network alone = new Network(layer.name(), "", layer.batch(), layer.input(), List.of(layer));
        D decisions = planner.planNetwork(alone, ctx.scaleSimCompat()).decisions();
        return layer(arch, model, layer, planner.plan(layer, ctx, decisions), arch.precision(layer), trace);
    }

    /** Prices a result again with another energy table: the accounting step alone, on the recorded activity. */
    public static LayerResult reprice(LayerResult r, EnergyTable table) {
        return r.withEnergy(EnergyAccount.energy(r.traffic(), table, r.activity(), r.totalCycles()));
    }

    /**
     * A fused group as one unit: its layers' inputs come from DRAM and only the last output goes back.
     * The result carries the group's useful MACs; recomputed MACs are checked, costed and reported.
     */
    private static LayerResult group(Architecture arch, KindModel model, PlannedGroup pg, boolean trace) {
        LayerGroup group = pg.group();
        Precision precision = arch.precision(group.first());
        for (Layer l : group.layers()) {
            if (l.kind().isMatrix()) {
                arch.compute(l); // an unsupported datatype in any fused layer is refused, naming it
            }
        }
        PlannedLayer plan = pg.plan();
        EngineResult er = execute(group.name(), plan, trace);
        if (er.macs() != pg.computedMacs()) {
            throw new IllegalStateException("group " + group.name() + ": the program did " + er.macs()
                    + " MACs, the plan counts " + pg.computedMacs());
        }
        long vectorOps = 0;
        long weights = 0;
        for (Layer l : group.layers()) {
            vectorOps += l.vectorOps();
            weights += l.weights();
        }
        String shape = group.first().input() + " -> " + group.last().output() + " (" + group.layers().size()
                + " layers fused)";
        LayerInfo info = new LayerInfo(group.first().index(), group.name(), "fused", shape, pg.usefulMacs(), weights);
        return account(arch, model, info, plan, er, new Activity(er.macs(), vectorOps, precision), pg.usefulMacs(),
                trace);
    }

    /**
     * Runs a layer's program. Time past 2^63 cycles (a bandwidth of a few bytes a year) is an input error
     * naming the layer; a deadlock is an engine defect, reported with the layer and what each queue waits for.
     */
    private static EngineResult execute(String layer, PlannedLayer plan, boolean trace) {
        try {
            return Engine.run(plan.program(), trace);
        } catch (ArithmeticException e) {
            throw new org.arrayflow.dataflow.MappingException("layer '" + layer + "': " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("layer '" + layer + "': " + e.getMessage(), e);
        }
    }

    /** One planned layer: execute, check, account. */
    static LayerResult layer(Architecture arch, KindModel model, Layer layer, PlannedLayer plan,
                                     Precision precision, boolean trace) {
        EngineResult er = execute(layer.name(), plan, trace);
        if (er.macs() + plan.skippedMacs() != layer.macs()) {
            throw new IllegalStateException("layer '" + layer.name() + "': the program did " + er.macs()
                    + " MACs and skipped " + plan.skippedMacs() + ", the layer has " + layer.macs());
        }
        LayerInfo info = new LayerInfo(layer.index(), layer.name(), layer.kind().yamlName(), layer.describe(),
                layer.macs(), layer.weights());
        // utilisation is of the MAC array: none for layers that run on a vector unit
        long useful = layer.kind().isMatrix() ? er.macs() : 0;
        Activity activity = new Activity(er.macs(), layer.vectorOps(), precision);
        if (layer.kind().isMatrix()) {
            Datatypes.Priced d = Datatypes.price(arch, layer, precision);
            double keptShare = layer.macs() == 0 ? 1 : (double) er.macs() / layer.macs();
            long gated = Math.round(er.macs() * (1 - arch.sparsity().ungatedFraction(precision, keptShare,
                    plan.skippedMacs() > 0 && arch.zeroSkipsWeights(layer))));
            activity = new Activity(er.macs(), layer.vectorOps(), precision, d.macScale(), d.macPj(), gated,
                    plan.skippedMacs());
            plan = plan.withMapping(d.mapping(plan.mapping()));
        }
        return account(arch, model, info, plan, er, activity, useful, trace);
    }

    /** Time from the engine, traffic from its counters, energy from the traffic and activity. */
    private static LayerResult account(Architecture arch, KindModel model, LayerInfo info, PlannedLayer plan,
                                       EngineResult er, Activity activity, long usefulMacs, boolean trace) {
        long total = er.makespan();
        long compute = er.busy(plan.computeServer());
        // the plan counts MAC slots a cycle: the PEs times the mode's rate
        int rate = (int) Math.max(1, plan.peCount() / arch.core().peCount());
        double util = total == 0 ? 0 : (double) usefulMacs / ((double) plan.peCount() * total);
        List<Traffic> traffic = EnergyAccount.traffic(er, model.energy(), activity.precision());
        List<EnergyItem> energy = EnergyAccount.energy(traffic, model.energy(), activity, total);
        return new LayerResult(info, new Timing(total, compute, total - compute, util, rate), traffic, energy, activity,
                plan.mapping(), er.busyByServer(), trace ? er.recorded() : null);
    }
}
