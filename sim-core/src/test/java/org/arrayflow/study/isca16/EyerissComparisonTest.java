package org.arrayflow.study.isca16;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.kind.rowstationary.RowStationaryArch;
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
 * The ISCA 2016 claims over the reproduction's numbers (AlexNet, 256 PEs, equal area with the RF:GLB area
 * ratio the paper's text implies, 1.6), and the RS column against the RS planner run through the engine.
 */
class EyerissComparisonTest {
    static RowStationaryArch rs;
    static List<EyerissComparison.Row> b16;
    static List<EyerissComparison.Row> b64;

    @BeforeAll
    static void run() {
        rs = (RowStationaryArch) ArchLoader.load("eyeriss-isca16-256pe");
        AreaModel area = AreaModel.isca16(AreaModel.ISCA16_IMPLIED_RATIO);
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

    /** Each dataflow's energy per op over RS's, over the layers whose name starts with {@code prefix}. */
    static Map<String, Double> together(List<EyerissComparison.Row> rows, String prefix) {
        Map<String, Double> energy = new LinkedHashMap<>();
        for (EyerissComparison.Row r : rows) {
            if (r.layer().startsWith(prefix)) {
                energy.merge(r.dataflow(), r.eval().counts().totalEnergy(NormalizedCosts.ISCA16), Double::sum);
            }
        }
        double rsE = energy.remove("RS");
        Map<String, Double> out = new LinkedHashMap<>();
        energy.forEach((d, e) -> out.put(d, e / rsE));
        return out;
    }

    static double oneDecimal(double x) {
        return Math.round(x * 10) / 10.0;
    }

    @Test
    void rsIsOnePointFourToTwoPointFiveTimesMoreEfficientOnConvLayers() {
        // Paper (abstract): RS is 1.4x to 2.5x more energy efficient than the other dataflows on CONV layers
        // (batch 16; the paper's bars are over CONV1-5 together). The model gives WS 1.38x, OSA 1.66x, OSB
        // 1.59x, OSC 2.50x, NLR 2.45x (docs/dataflow-comparison.md); the claim is stated to one decimal, so it
        // is checked at that precision: the smallest ratio must read 1.4, the largest 2.5. Two of the paper's
        // rules make WS and OS cost what they do: Eq. 3 counts an RF access for every operand the ALU uses
        // (abcd with d = 1 for an operand not reused in the RF), and the paper's WS accumulates psums only
        // across the R x S PEs of one filter plane, so channels meet in the global buffer.
        Map<String, Double> conv = together(b16, "conv");
        assertThat(conv).containsOnlyKeys("WS", "OSA", "OSB", "OSC", "NLR");
        double lo = conv.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = conv.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(oneDecimal(lo)).as("smallest CONV ratio " + lo).isEqualTo(1.4);
        assertThat(oneDecimal(hi)).as("largest CONV ratio " + hi).isEqualTo(2.5);
        // And RS is the lowest on every CONV layer on its own (per layer the margin is smaller on CONV1 and
        // CONV2, whose 11x11 and 5x5 filter planes give WS long psum chains: WS 1.25x and 1.31x there).
        for (Map.Entry<String, Map<String, Double>> e : ratios(b16).entrySet()) {
            if (e.getKey().startsWith("conv")) {
                for (Map.Entry<String, Double> d : e.getValue().entrySet()) {
                    assertThat(d.getValue()).as(e.getKey() + " " + d.getKey() + " / RS").isGreaterThan(1.2);
                }
            }
        }
    }

    @Test
    void rsIsAtLeastOnePointThreeTimesMoreEfficientOnFcLayersFromBatch16() {
        // Paper (abstract): at least 1.3x on FC layers for batch 16 or more. FC1-3 together: batch 16 WS
        // 1.39x (the smallest), batch 64 WS 1.78x. FC energy is dominated by fetching each weight from DRAM
        // once per image block (about 12.6 MAC units per op at batch 16 for every dataflow); WS loses on FC2
        // and FC3, whose 1 x 1 filter planes send every psum to the global buffer. Per layer, FC1 (6 x 6 planes)
        // leaves WS only 1.15x above RS at batch 16: the claim holds over the FC layers together, as the
        // paper's bars are drawn, and RS is the lowest on every FC layer.
        for (List<EyerissComparison.Row> rows : List.of(b16, b64)) {
            for (Map.Entry<String, Double> d : together(rows, "fc").entrySet()) {
                assertThat(d.getValue()).as("FC1-3 " + d.getKey() + " / RS, batch " + rows.get(0).batch())
                        .isGreaterThanOrEqualTo(1.3);
            }
            for (Map.Entry<String, Map<String, Double>> e : ratios(rows).entrySet()) {
                for (Map.Entry<String, Double> d : e.getValue().entrySet()) {
                    assertThat(d.getValue()).as(e.getKey() + " " + d.getKey() + " / RS").isGreaterThan(1.1);
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
    void sensitivityRunsMayReuseTheRsRows() {
        // againstRs skips the RS search because any area model leaves RS its 128 kB buffer: a full run
        // under the other ratio (FC layers, cheap to search) gives the same RS rows as the main run.
        Network n16 = WorkloadLoader.load("alexnet-eyeriss", 16);
        Network fc16 = new Network(n16.name(), n16.source(), n16.batch(), n16.input(),
                n16.layers().stream().filter(l -> l.name().startsWith("fc")).toList());
        List<EyerissComparison.Row> alt = EyerissComparison.run(rs, AreaModel.isca16(AreaModel.JSSC17_RATIO), fc16);
        List<EyerissComparison.Row> reused = EyerissComparison.againstRs(rs, AreaModel.isca16(AreaModel.JSSC17_RATIO),
                fc16, EyerissComparison.blockedDataflows(), b16);
        Map<String, EyerissComparison.Row> byKey = new LinkedHashMap<>();
        reused.forEach(r -> byKey.put(r.layer() + " " + r.dataflow(), r));
        assertThat(byKey).hasSameSizeAs(alt);
        for (EyerissComparison.Row r : alt) {
            EyerissComparison.Row same = byKey.get(r.layer() + " " + r.dataflow());
            assertThat(same).as(r.layer() + " " + r.dataflow()).isNotNull();
            assertThat(same.glbBytes()).isEqualTo(r.glbBytes());
            assertThat(same.totalPerOp()).isEqualTo(r.totalPerOp());
        }
    }

    @Test
    void deterministic() {
        List<EyerissComparison.Row> again = EyerissComparison.run(rs, AreaModel.isca16(AreaModel.ISCA16_IMPLIED_RATIO),
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
            org.arrayflow.kind.rowstationary.RsProblem p = org.arrayflow.kind.rowstationary.RsProblem.of(l, EyerissComparison.arch().precision(l));
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
