package org.arrayflow.sweep;

import org.arrayflow.arch.ArchKind;
import org.arrayflow.arch.ArchKinds;
import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.KindModel;
import org.arrayflow.energy.EnergyTable;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulates the points of one sweep run, reusing work where that is provably safe: points that differ only
 * in per-event energies (keys the architecture's kind calls energy-only, {@link ArchKind#energyOnly}, such as
 * {@code energy.mac_pj} or a systolic buffer's {@code read_energy_pj}) share one simulation, re-priced per point.
 * <p>Why this is exact: for a kind whose planning reads no energy figure ({@link KindModel#planningReadsEnergy()}
 * false: the systolic planner and residency plan, the FPGA tiling search and fusion partitioner), time, traffic
 * and counters depend on sizes, widths, bandwidths and the dataflow only, and
 * {@link Simulator#simulateLayer} computes a layer's energy from its traffic, MACs, vector operations and
 * cycles with the architecture's energy table alone. Re-pricing repeats that last step with the point's
 * own table, so the result equals a fresh simulation bit for bit (a test compares the two). Kinds whose mapping
 * search ranks by energy (row-stationary) are simulated afresh at every point.
 */
final class PointSimulator {
    private final Sweep sweep;
    private final boolean[] energyAxis;
    private final boolean reuse;
    private final Map<String, NetworkResult> timing = new ConcurrentHashMap<>();

    PointSimulator(Sweep sweep, boolean allowReuse) {
        this.sweep = sweep;
        this.energyAxis = new boolean[sweep.axes().size()];
        ArchKind<?> kind = ArchKinds.of(sweep.baseArchitecture());
        boolean any = false;
        for (int a = 0; a < energyAxis.length; a++) {
            energyAxis[a] = kind.energyOnly(sweep.axes().get(a).path());
            any |= energyAxis[a];
        }
        this.reuse = allowReuse && any && !ArchKinds.model(sweep.baseArchitecture()).planningReadsEnergy();
    }

    NetworkResult run(Architecture arch, DesignPoint p) {
        Network net = sweep.networks().get(p.workload());
        // several cores or chips price their shared level, links and every core's leakage outside the kind's
        // table (sim.MultiCoreStep), which re-pricing alone would not redo: such points are simulated
        if (!reuse || arch.cores().multi() || arch.chips().multi()) {
            return Pipeline.simulate(arch, net);
        }
        String key = timingKey(p);
        NetworkResult base = timing.get(key);
        if (base == null) {
            NetworkResult r = Pipeline.simulate(arch, net);
            timing.putIfAbsent(key, r);
            return r;
        }
        return reprice(base, arch);
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

    /** The same run priced with {@code arch}'s energy table (the accounting step of the simulator alone). */
    static NetworkResult reprice(NetworkResult base, Architecture arch) {
        EnergyTable table = ArchKinds.model(arch).energy();
        List<LayerResult> layers = new ArrayList<>(base.layers().size());
        for (LayerResult l : base.layers()) {
            layers.add(Simulator.reprice(l, table).withoutTrace());
        }
        return new NetworkResult(arch.name(), arch.kind(), arch.source(), base.workload(), base.workloadSource(),
                base.batch(), arch.clockMhz(), arch.peCount(), layers);
    }
}
