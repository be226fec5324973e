package org.arrayflow.dataflow.compare;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.RowStationaryArch;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.validation.LevelMetrics;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The ISCA 2016 claims over the reproduction's numbers (AlexNet, 256 PEs, equal area with the JSSC 2017
 * RF:GLB area ratio 3.75), and the RS column against the RS planner run through the engine.
 */
class EyerissComparisonTest {
    static RowStationaryArch rs;
    static List<EyerissComparison.Row> b16;
    static List<EyerissComparison.Row> b64;

    @BeforeAll
    static void run() {
        rs = (RowStationaryArch) ArchLoader.load("eyeriss-isca16-256pe");
        AreaModel area = AreaModel.isca16(AreaModel.JSSC17_RATIO);
        b16 = EyerissComparison.run(rs, area, WorkloadLoader.load("alexnet-eyeriss", 16));
        // At batch 64 only the FC layers are asserted: run those alone (layers are mapped independently).
        Network n64 = WorkloadLoader.load("alexnet-eyeriss", 64);
        b64 = EyerissComparison.run(rs, area, new Network(n64.name(), n64.source(), n64.batch(), n64.input(),
                n64.layers().stream().filter(l -> l.name().startsWith("fc")).toList()));
    }

    /** Per layer, each other dataflow's energy over RS's. */
    static Map<String, Map<String, Double>> ratios(List<EyerissComparison.Row> rows) {
        Map<String, Double> rsE = new LinkedHashMap<>();
        for (EyerissComparison.Row r : rows) {
            if (r.dataflow().equals("RS")) {
                rsE.put(r.layer(), r.eval().counts().totalEnergy(NormalizedCosts.ISCA16));
            }
        }
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (EyerissComparison.Row r : rows) {
            if (!r.dataflow().equals("RS")) {
                out.computeIfAbsent(r.layer(), k -> new LinkedHashMap<>())
                        .put(r.dataflow(), r.eval().counts().totalEnergy(NormalizedCosts.ISCA16) / rsE.get(r.layer()));
            }
        }
        return out;
    }

    @Test
    void rsIsTheMostEfficientOnEveryConvLayer() {
        // Paper (abstract): RS is 1.4x to 2.5x more energy efficient than the other dataflows on CONV layers.
        // The model confirms the ranking on every CONV layer and the upper end (NLR about 2.3-2.8x, OSC about
        // 2.1-2.2x), but not the lower end: WS comes out only 1.09-1.10x above RS and the OS variants
        // 1.2-1.35x. Why (see docs/dataflow-comparison.md): with one weight per PE, WS spends per MAC one
        // RF read (1) plus an ifmap delivery and a psum hop over the array (2 + 2), close to RS's four RF
        // accesses (4); and at equal area WS gets a 606 kB buffer against RS's 128 kB, which cuts its DRAM
        // energy below RS's. So the test asserts what the model supports: RS lowest on every CONV layer with
        // at least an 8 % margin, and no ratio above 2.8x. Constants are not tuned to meet 1.4x.
        for (Map.Entry<String, Map<String, Double>> e : ratios(b16).entrySet()) {
            if (!e.getKey().startsWith("conv")) {
                continue;
            }
            for (Map.Entry<String, Double> d : e.getValue().entrySet()) {
                assertThat(d.getValue()).as(e.getKey() + " " + d.getKey() + " / RS").isBetween(1.08, 2.8);
            }
            assertThat(e.getValue().get("NLR")).as(e.getKey() + " NLR / RS").isGreaterThan(2.3);
        }
    }

    @Test
    void rsLeadsOnFcLayersFromBatch16() {
        // Paper: at least 1.3x on FC layers for batch 16 or more. The model has RS lowest on every FC layer
        // at batches 16 and 64, by 1.38-2.4x over OS and NLR, but only 1.09x (batch 16) and 1.15x (batch 64)
        // over WS: FC energy is dominated by fetching each weight from DRAM once per image block (about
        // 12.6 MAC units per op at batch 16 for every dataflow), and WS reuses each weight across the batch
        // in its RF exactly as RS does. Asserted: RS lowest with at least 5 % on every FC layer, at least
        // 1.3x over every dataflow except WS.
        for (List<EyerissComparison.Row> rows : List.of(b16, b64)) {
            for (Map.Entry<String, Map<String, Double>> e : ratios(rows).entrySet()) {
                if (!e.getKey().startsWith("fc")) {
                    continue;
                }
                for (Map.Entry<String, Double> d : e.getValue().entrySet()) {
                    assertThat(d.getValue()).as(e.getKey() + " " + d.getKey() + " / RS")
                            .isGreaterThan(d.getKey().equals("WS") ? 1.05 : 1.3);
                }
            }
        }
    }

    @Test
    void rsColumnIsWhatTheRsPlannerProduces() {
        // The same arch and batch through the simulator (RsPlanner -> engine): per layer, DRAM, GLB, NoC,
        // scratchpad accesses and MACs equal the RS column of the comparison.
        Network net = WorkloadLoader.load("alexnet-eyeriss", 16);
        NetworkResult r = Simulator.run(rs, net, SimOptions.DEFAULT);
        List<String> checked = new ArrayList<>();
        for (EyerissComparison.Row row : b16) {
            if (!row.dataflow().equals("RS")) {
                continue;
            }
            AccessCounts c = row.eval().counts();
            String l = row.layer();
            assertThat(c.macs()).isEqualTo((long) LevelMetrics.resolve(r, l, "macs"));
            assertThat((double) c.level(Level.DRAM)).isEqualTo(LevelMetrics.resolve(r, l, "dram_accesses"));
            assertThat((double) c.level(Level.GLB)).isEqualTo(LevelMetrics.resolve(r, l, "glb_accesses"));
            assertThat((double) c.level(Level.ARRAY)).isEqualTo(LevelMetrics.resolve(r, l, "accesses_noc"));
            double spads = LevelMetrics.resolve(r, l, "accesses_spad_ifmap") + LevelMetrics.resolve(r, l, "accesses_spad_filter")
                    + LevelMetrics.resolve(r, l, "accesses_spad_psum");
            assertThat((double) c.level(Level.RF)).isEqualTo(spads);
            // And the energies in MAC units, which the Fig. 10 validation case checks.
            assertThat(c.energy(Level.DRAM, NormalizedCosts.ISCA16))
                    .isCloseTo(LevelMetrics.resolve(r, l, "energy_dram_mac_units"), within(1e-6 * c.macs()));
            assertThat(c.energy(Level.RF, NormalizedCosts.ISCA16))
                    .isCloseTo(LevelMetrics.resolve(r, l, "energy_rf_mac_units"), within(1e-6 * c.macs()));
            checked.add(l);
        }
        assertThat(checked).containsExactly("conv1", "conv2", "conv3", "conv4", "conv5", "fc1", "fc2", "fc3");
    }

    @Test
    void deterministic() {
        List<EyerissComparison.Row> again = EyerissComparison.run(rs, AreaModel.isca16(AreaModel.JSSC17_RATIO),
                WorkloadLoader.load("alexnet-eyeriss", 16));
        for (int i = 0; i < again.size(); i++) {
            assertThat(again.get(i).eval().mapping()).isEqualTo(b16.get(i).eval().mapping());
            assertThat(again.get(i).totalPerOp()).isEqualTo(b16.get(i).totalPerOp());
        }
    }

    @Test
    void everyDataflowDoesTheLayersMacsAndAtLeastTheCompulsoryDramTraffic() {
        // Whatever the mapping, a layer's MACs are fixed, and DRAM must carry each ifmap word the layer reads
        // (rows and columns its outputs touch), each filter word and each output at least once.
        Network net = WorkloadLoader.load("alexnet-eyeriss", 16);
        for (EyerissComparison.Row row : b16) {
            org.arrayflow.workload.Layer l = net.layer(row.layer());
            org.arrayflow.dataflow.rowstationary.RsProblem p = org.arrayflow.dataflow.rowstationary.RsProblem.of(l);
            long compulsory = (long) p.groups() * ((long) p.n() * p.c() * p.rowsIn(p.e()) * p.wUsed()
                    + (long) p.m() * p.c() * p.r() * p.s() + (long) p.n() * p.m() * p.e() * p.f());
            AccessCounts c = row.eval().counts();
            assertThat(c.macs()).as(row.layer() + " " + row.dataflow()).isEqualTo(p.macs());
            assertThat(c.level(Level.DRAM)).as(row.layer() + " " + row.dataflow()).isGreaterThanOrEqualTo(compulsory);
            // Every MAC reads its two operands from the RF or receives them over the array.
            assertThat(c.level(Level.RF) + c.level(Level.ARRAY)).isGreaterThanOrEqualTo(2 * c.macs());
        }
    }
}
