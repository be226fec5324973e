package org.arrayflow.kind.toy;

import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.dataflow.NetworkPlan;
import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.dataflow.Planner;
import org.arrayflow.dataflow.ResidencyPlan;
import org.arrayflow.engine.Access;
import org.arrayflow.engine.Server;
import org.arrayflow.engine.TileProgram;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.List;
import java.util.Map;

/**
 * Each layer in one step: load its inputs and weights over the DRAM link into the SRAM, compute on the MAC
 * units (ceil(MACs / PEs) cycles, or one element operation per PE per cycle), store the output. Levels
 * {@code dram} and {@code sram}.
 */
final class ToyPlanner implements Planner<Void> {
    private final ToyArch arch;

    ToyPlanner(ToyArch arch) {
        this.arch = arch;
    }

    @Override
    public NetworkPlan<Void> planNetwork(Network net, boolean scaleSimCompat) {
        return new NetworkPlan<>(LayerGroup.singletons(net), ResidencyPlan.offChip(net, 1, scaleSimCompat), null);
    }

    @Override
    public PlannedLayer plan(Layer layer, LayerContext ctx, Void none) {
        Precision p = arch.precision(layer);
        TileProgram prog = new TileProgram(List.of(Server.unit("pes"),
                Server.link("dram", arch.dram().bytesPerCycle(arch.clockMhz()), 0, 1)), List.of("compute", "load", "store"),
                List.of("sram"), new long[] {arch.sramBytes()}, List.of("dram", "sram"), Tensor.values().length);
        int loadIn = load(prog, p, Tensor.IFMAP, layer.inputWords());
        int loadW = load(prog, p, Tensor.WEIGHT, layer.weights());
        long work = layer.kind().isMatrix() ? layer.macs() : layer.vectorOps();
        int comp = prog.add(0, 0, (work + arch.pes() - 1) / arch.pes(), layer.macs(), prog.label("compute"));
        prog.dependsOn(comp, loadIn);
        prog.dependsOn(comp, loadW);
        prog.counts(comp, 1, Tensor.IFMAP.ordinal(), Access.READ, layer.inputWords());
        prog.counts(comp, 1, Tensor.WEIGHT.ordinal(), Access.READ, layer.weights());
        prog.frees(comp, 0, p.bytes(Tensor.IFMAP, layer.inputWords()) + p.bytes(Tensor.WEIGHT, layer.weights()));
        int st = prog.add(2, 1, p.bytes(Tensor.OFMAP, layer.outputWords()), 0, prog.label("store"));
        prog.dependsOn(st, comp);
        prog.counts(st, 0, Tensor.OFMAP.ordinal(), Access.WRITE, layer.outputWords());
        return new PlannedLayer(prog, 0, arch.pes(), Map.of("plan", "load, compute, store"));
    }

    private static int load(TileProgram prog, Precision p, Tensor t, long words) {
        int id = prog.add(1, 1, p.bytes(t, words), 0, prog.label("load " + t.label()));
        prog.allocates(id, 0, p.bytes(t, words));
        prog.counts(id, 0, t.ordinal(), Access.READ, words);
        prog.counts(id, 1, t.ordinal(), Access.FILL, words);
        return id;
    }
}
