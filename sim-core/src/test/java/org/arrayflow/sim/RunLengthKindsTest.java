package org.arrayflow.sim;

import org.arrayflow.arch.ArchKinds;
import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.Bundled;
import org.arrayflow.dataflow.NetworkPlan;
import org.arrayflow.dataflow.Planner;
import org.arrayflow.engine.Access;
import org.arrayflow.engine.Engine;
import org.arrayflow.engine.EngineResult;
import org.arrayflow.engine.TileProgram;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The programs the kinds build with runs of identical iterations give exactly the results of the same programs
 * written out, on small layers, compute- and bandwidth-bound (every layer's makespan, busy cycles, MACs, tasks,
 * peak bytes and every counter).
 */
class RunLengthKindsTest {
    private static final String LAYERS = """
            format: arrayflow-workload/1
            name: small
            input: {channels: 20, height: 9, width: 9}
            layers:
              - {name: c1, type: conv2d, filters: 24, kernel: 3, padding: 1}
              - {name: c2, type: conv2d, filters: 18, kernel: 3, stride: 2}
              - {name: f1, type: fc, outputs: 30}
            """;

    @Test
    void tiledEngine() {
        for (String gbs : new String[] {"0.02", "0.4", "50"}) {
            for (String tiling : new String[] {"{tm: 2, tn: 2}", "{tm: 4, tn: 3}", "{tm: 1, tn: 1}"}) {
                int runs = compare("""
                        format: arrayflow-arch/1
                        name: t
                        type: tiled-fusion
                        clock_mhz: 100
                        word_bits: 16
                        compute: {dsp_slices: 16, macs_per_dsp: 1}
                        on_chip: {budget_kib: 64}
                        dram: {bandwidth_gb_s: %s, latency_cycles: 7}
                        tiling: %s
                        """.formatted(gbs, tiling));
                assertThat(runs).as("the programs have runs").isPositive();
            }
        }
    }

    @Test
    void rowStationary() {
        String eyeriss = Bundled.resolve(Bundled.ARCH, "eyeriss-v1").text();
        for (String busBits : new String[] {"bus_bits: 1", "bus_bits: 8", "bus_bits: 64", "bus_bits: 4096"}) {
            int runs = compare(eyeriss.replace("bus_bits: 64", busBits), WIDE);
            assertThat(runs).as("the programs have runs").isPositive();
        }
    }

    /** Many filters, so a filter block takes several identical passes. */
    private static final String WIDE = """
            format: arrayflow-workload/1
            name: wide
            input: {channels: 48, height: 13, width: 13}
            layers:
              - {name: c1, type: conv2d, filters: 384, kernel: 3, padding: 1}
              - {name: c2, type: conv2d, filters: 300, kernel: 5, stride: 2}
            """;

    private static int compare(String archText) {
        return compare(archText, LAYERS);
    }

    /** Compares every layer's compact and written-out program; returns how many runs the programs had. */
    private static int compare(String archText, String layers) {
        Architecture arch = ArchLoader.parse("a.yaml", archText);
        Network net = WorkloadLoader.parse("w.yaml", layers, 0);
        return compare(ArchKinds.model(arch).planner(), net);
    }

    private static <D> int compare(Planner<D> planner, Network net) {
        NetworkPlan<D> plan = planner.planNetwork(net, false);
        int runs = 0;
        for (int i = 0; i < net.layers().size(); i++) {
            TileProgram p = planner.plan(net.layers().get(i), plan.contexts().get(i), plan.decisions()).program();
            runs += p.runs();
            EngineResult compact = Engine.run(p, false);
            EngineResult full = Engine.run(p.writtenOut(), false);
            assertThat(compact.makespan()).isEqualTo(full.makespan());
            assertThat(compact.busyByServer()).isEqualTo(full.busyByServer());
            assertThat(compact.macs()).isEqualTo(full.macs());
            assertThat(compact.tasks()).isEqualTo(full.tasks());
            for (int level = 0; level < full.levels().size(); level++) {
                for (Tensor t : Tensor.values()) {
                    for (Access a : Access.values()) {
                        assertThat(compact.count(level, t.ordinal(), a)).isEqualTo(full.count(level, t.ordinal(), a));
                    }
                }
            }
            for (int b = 0; b < 3; b++) {
                try {
                    assertThat(compact.peakBytes(b)).isEqualTo(full.peakBytes(b));
                } catch (ArrayIndexOutOfBoundsException fewerBuffers) {
                    break;
                }
            }
        }
        return runs;
    }
}
