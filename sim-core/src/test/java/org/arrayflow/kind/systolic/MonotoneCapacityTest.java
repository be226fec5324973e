package org.arrayflow.kind.systolic;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More capacity never makes a systolic run worse: over a grid of a 32x32 array (AlexNet; OS, WS, IS; each SRAM at
 * 16, 64 and 256 KiB with the other two at every size; DRAM at 2 and 16 GB/s), growing one SRAM four times adds at
 * most {@link #CYCLE_TOLERANCE} of cycles, and adds DRAM bytes only where it makes the run faster by more than that.
 * Why a tolerance on cycles: the planner compares its attempts by a bound (the longer of compute and DRAM time),
 * not by the engine's time, so between two attempts of nearly the same bound the engine's overlap of loads and
 * compute may differ by a little. Why bytes may grow: the planner minimises time, and larger accumulators let it cut
 * a stream less, folding fewer times at the price of reading weights again (it prefers fewer bytes only within
 * half a percent of time).
 */
class MonotoneCapacityTest {
    static final double CYCLE_TOLERANCE = 0.005;
    static final int[] KIB = {16, 64, 256};

    static String arch(String dataflow, int ifKib, int wKib, int oKib, double gbps) {
        return String.format(Locale.ROOT, """
                format: arrayflow-arch/1
                name: grid
                type: systolic
                clock_mhz: 1000
                word_bits: 8
                dataflow: %s
                pe_array: {rows: 32, cols: 32, accumulator_bits: 32}
                memory:
                  ifmap_sram: {size_kib: %d}
                  filter_sram: {size_kib: %d}
                  ofmap_sram: {size_kib: %d}
                  dram: {bandwidth_gb_s: %s, latency_cycles: 100}
                """, dataflow, ifKib, wKib, oKib, gbps);
    }

    @Test
    void aLargerBufferNeverCostsMoreDramBytesOrCycles() {
        Network net = WorkloadLoader.load("alexnet", 1);
        List<String> worse = new ArrayList<>();
        int steps = 0;
        for (String df : List.of("output-stationary", "weight-stationary", "input-stationary")) {
            for (double gbps : new double[] {2, 16}) {
                NetworkResult[][][] r = new NetworkResult[3][3][3];
                for (int i = 0; i < 3; i++) {
                    for (int w = 0; w < 3; w++) {
                        for (int o = 0; o < 3; o++) {
                            r[i][w][o] = Pipeline.simulate(ArchLoader.parse("grid.yaml",
                                    arch(df, KIB[i], KIB[w], KIB[o], gbps)), net);
                        }
                    }
                }
                for (int i = 0; i < 3; i++) {
                    for (int w = 0; w < 3; w++) {
                        for (int o = 0; o < 3; o++) {
                            NetworkResult base = r[i][w][o];
                            String at = df + " " + gbps + " GB/s ifmap " + KIB[i] + " filter " + KIB[w] + " ofmap " + KIB[o];
                            if (i < 2) {
                                steps++;
                                compare(worse, at + ", ifmap x4", base, r[i + 1][w][o]);
                            }
                            if (w < 2) {
                                steps++;
                                compare(worse, at + ", filter x4", base, r[i][w + 1][o]);
                            }
                            if (o < 2) {
                                steps++;
                                compare(worse, at + ", ofmap x4", base, r[i][w][o + 1]);
                            }
                        }
                    }
                }
            }
        }
        assertThat(steps).isEqualTo(3 * 2 * 3 * 18);
        assertThat(worse).as("steps that got worse").isEmpty();
    }

    private static void compare(List<String> worse, String step, NetworkResult small, NetworkResult large) {
        boolean faster = large.totalCycles() * (1 + CYCLE_TOLERANCE) < small.totalCycles();
        if (large.bytes("dram") > small.bytes("dram") && !faster) {
            worse.add(String.format(Locale.ROOT, "%s: DRAM %d -> %d bytes", step, small.bytes("dram"), large.bytes("dram")));
        }
        if (large.totalCycles() > small.totalCycles() * (1 + CYCLE_TOLERANCE)) {
            worse.add(String.format(Locale.ROOT, "%s: %d -> %d cycles", step, small.totalCycles(), large.totalCycles()));
        }
    }
}
