package org.arrayflow.sweep;

import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.SystolicArch;
import org.arrayflow.energy.EnergyAccount;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sim.ArchModel;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulates the points of one sweep run, reusing work where that is provably safe: points that differ only
 * in per-event energies (axes under {@code energy.}, or a buffer's or DRAM's {@code *_energy_pj*}) share one
 * simulation, re-priced per point.
 * <p>Why this is exact: for a systolic architecture the planner, the residency plan and the engine never
 * read an energy figure (time, traffic and counters depend on sizes, widths, bandwidths and the dataflow
 * only), and
 * {@link Simulator#simulateLayer} computes a layer's energy from its traffic, MACs, vector operations and
 * cycles with the architecture's energy table alone. Re-pricing repeats that last step with the point's
 * own table, so the result equals a fresh simulation bit for bit (a test compares the two). Other kinds
 * are simulated afresh at every point: the row-stationary mapper and the FPGA tiling search may choose
 * their mapping by energy, so an energy figure can change what moves.
 */
final class PointSimulator {
    private static final Set<String> ENERGY_LEAVES = Set.of("read_energy_pj", "write_energy_pj", "energy_pj_per_byte");

    private final Sweep sweep;
    private final boolean[] energyAxis;
    private final boolean reuse;
    private final Map<String, NetworkResult> timing = new ConcurrentHashMap<>();

    PointSimulator(Sweep sweep, boolean allowReuse) {
        this.sweep = sweep;
        this.energyAxis = new boolean[sweep.axes().size()];
        boolean any = false;
        for (int a = 0; a < energyAxis.length; a++) {
            energyAxis[a] = isEnergyOnly(sweep.axes().get(a));
            any |= energyAxis[a];
        }
        this.reuse = allowReuse && any;
    }

    static boolean isEnergyOnly(Axis a) {
        List<String> p = a.path();
        if (p.get(0).equals("energy")) {
            return true;
        }
        return p.get(0).equals("memory") && p.size() == 3 && ENERGY_LEAVES.contains(p.get(2));
    }

    NetworkResult run(Architecture arch, DesignPoint p) {
        Network net = sweep.networks().get(p.workload());
        if (!reuse || !(arch instanceof SystolicArch)) {
            return Simulator.run(arch, net, SimOptions.DEFAULT);
        }
        String key = timingKey(p);
        NetworkResult base = timing.get(key);
        if (base == null) {
            NetworkResult r = Simulator.run(arch, net, SimOptions.DEFAULT);
            timing.putIfAbsent(key, r);
            return r;
        }
        return reprice(base, arch, net);
    }

    private String timingKey(DesignPoint p) {
        StringBuilder sb = new StringBuilder(p.workload());
        for (int a = 0; a < energyAxis.length; a++) {
            if (!energyAxis[a]) {
                sb.append('\u0000').append(p.values().get(a).asText());
            }
        }
        return sb.toString();
    }

    /** The same run priced with {@code arch}'s energy table (the last step of Simulator.simulateLayer). */
    static NetworkResult reprice(NetworkResult base, Architecture arch, Network net) {
        ArchModel m = ArchModel.of(arch);
        List<LayerResult> layers = new ArrayList<>(base.layers().size());
        for (LayerResult l : base.layers()) {
            long vectorOps = net.layers().get(l.index()).vectorOps();
            List<EnergyItem> energy = EnergyAccount.energy(l.traffic(), m.energy(), l.macs(), vectorOps,
                    l.totalCycles(), m.wordBits(), m.psumBits());
            layers.add(new LayerResult(l.index(), l.name(), l.kind(), l.shape(), l.macs(), l.weights(), l.totalCycles(),
                    l.computeCycles(), l.stallCycles(), l.utilization(), l.traffic(), energy, l.mapping(), l.busy(), null));
        }
        return new NetworkResult(arch.name(), arch.kind(), arch.source(), base.workload(), base.workloadSource(),
                base.batch(), arch.clockMhz(), arch.peCount(), layers);
    }
}
