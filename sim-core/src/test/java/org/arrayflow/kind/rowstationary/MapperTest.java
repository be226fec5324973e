package org.arrayflow.kind.rowstationary;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The search against the paper's own mappings on the chip. */
class MapperTest {

    /**
     * The paper's Table III mappings are inside the searched space, so with the energy objective the searched
     * mapping can only cost the same or less energy in this model; with latency (the default) it is at most
     * {@link RsMapper#LATENCY_TIE} slower than the fastest, so never more than that slower than the paper's, and
     * where the paper's is in that band it costs no more energy; and the search is deterministic.
     */
    @Test
    void searchedMappingsNeverCostMoreThanThePapers() {
        RowStationaryArch paper = (RowStationaryArch) ArchLoader.load("../validation/arch/eyeriss-v1-jssc17.yaml");
        RowStationaryArch latency = paper.withMappings(Map.of());
        assertThat(latency.objective()).isEqualTo(RowStationaryArch.Objective.LATENCY);
        RowStationaryArch energy = latency.withObjective(RowStationaryArch.Objective.ENERGY);
        Network net = WorkloadLoader.load("alexnet-eyeriss-conv", 4);
        RsPlanner pp = new RsPlanner(paper);
        for (Layer l : net.layers()) {
            if (!l.kind().isMatrix()) {
                continue;
            }
            RsProblem pr = RsProblem.of(l, paper.precision(l));
            RsEstimate given = pp.map(pr).estimate();
            RsEstimate byEnergy = new RsPlanner(energy).map(pr).estimate();
            assertThat(byEnergy.energyPj(energy.energy())).as(l.name())
                    .isLessThanOrEqualTo(given.energyPj(paper.energy()) * (1 + 1e-12));
            RsPlanner lp = new RsPlanner(latency);
            RsMapper.Choice fast = lp.map(pr);
            assertThat(fast.estimate().cycles(latency)).as(l.name())
                    .isLessThanOrEqualTo(given.cycles(paper) * (1 + RsMapper.LATENCY_TIE));
            assertThat(lp.map(pr).mapping()).isEqualTo(fast.mapping());
        }
    }

    /**
     * Ranked by latency, the search finds the chip's own choices on AlexNet (batch 4): CONV1 exactly Table III's
     * m96 n1 e7 p16 q1 r1 t2 (two 11 x 7 strips, 154 PEs); CONV2 the whole 5 x 27 set folded in two (135 PEs,
     * e = 27 as in the paper); CONV3-5 four 3 x 13 sets (156 PEs). By energy alone CONV1 ran on 88 PEs.
     */
    @Test
    void latencySearchFindsTheChipsPeSets() {
        RowStationaryArch chip = ((RowStationaryArch) ArchLoader.load("../validation/arch/eyeriss-v1-jssc17.yaml"))
                .withMappings(Map.of());
        Network net = WorkloadLoader.load("../validation/workloads/alexnet-eyeriss-conv-jssc17.yaml", 4);
        RsPlanner planner = new RsPlanner(chip);
        Map<String, Long> pes = new java.util.LinkedHashMap<>();
        for (Layer l : net.layers()) {
            if (l.kind().isMatrix()) {
                RsMapping mp = planner.map(RsProblem.of(l, chip.precision(l))).mapping();
                pes.put(l.name(), mp.activePes(l.problem().r()));
                if (l.name().equals("conv1")) {
                    assertThat(mp).isEqualTo(new RsMapping(96, 1, 7, 16, 1, 1, 2));
                }
                if (l.name().equals("conv2")) {
                    assertThat(mp.e()).isEqualTo(27);
                }
            }
        }
        assertThat(pes).containsExactly(Map.entry("conv1", 154L), Map.entry("conv2", 135L), Map.entry("conv3", 156L),
                Map.entry("conv4", 156L), Map.entry("conv5", 156L));
    }

    @Test
    void edpObjectiveNeverHasAWorseEdpThanTheEnergyChoice() {
        RowStationaryArch energy = (RowStationaryArch) ArchLoader.load("eyeriss-v1");
        RowStationaryArch edp = energy.withObjective(RowStationaryArch.Objective.EDP);
        Network net = WorkloadLoader.load("alexnet-eyeriss-conv", 4);
        RsLevels lv = new RsLevels(energy);
        for (Layer l : net.layers()) {
            if (!l.kind().isMatrix()) {
                continue;
            }
            RsProblem pr = RsProblem.of(l, energy.precision(l));
            RsEstimate e1 = RsMapper.best(energy, pr, lv, RowStationaryArch.Objective.ENERGY).estimate();
            RsEstimate e2 = RsMapper.best(edp, pr, lv, RowStationaryArch.Objective.EDP).estimate();
            assertThat(e2.energyPj(edp.energy()) * e2.cycles(edp)).as(l.name())
                    .isLessThanOrEqualTo(e1.energyPj(energy.energy()) * e1.cycles(energy) * (1 + 1e-12));
            assertThat(e1.energyPj(energy.energy())).isLessThanOrEqualTo(e2.energyPj(edp.energy()) * (1 + 1e-12));
        }
    }

    /**
     * The latency search stops costing where {@link RsEstimate#cyclesLowerBound} passes the band, which is exact
     * only if the bound never exceeds the estimate: checked on every legal mapping of random layers (strides,
     * ragged strips and blocks, grouped and FC layers) on random arrays, and on AlexNet on the chip.
     */
    @Test
    void cyclesLowerBoundNeverExceedsTheEstimate() {
        java.util.Random rnd = new java.util.Random(11);
        long checked = 0;
        for (int trial = 0; trial < 40; trial++) {
            int k = 1 + rnd.nextInt(5);
            Layer l = MonotoneCapacityTest.layer(1 + rnd.nextInt(4), 1 + rnd.nextInt(40), k + rnd.nextInt(20),
                    1 + rnd.nextInt(100), k, 1 + rnd.nextInt(3));
            int[] v = {Math.max(k, 4 + rnd.nextInt(20)), 16 + rnd.nextInt(300), 4 + rnd.nextInt(30), 4 + rnd.nextInt(60),
                    1 + rnd.nextInt(30), Math.max(k, 4 + rnd.nextInt(12)), 4 + rnd.nextInt(14)};
            RowStationaryArch a = (RowStationaryArch) ArchLoader.parse("g.yaml", MonotoneCapacityTest.arch(v, "latency"));
            checked += checkBound(a, RsProblem.of(l, a.precision(l)));
        }
        RowStationaryArch chip = (RowStationaryArch) ArchLoader.load("eyeriss-v1");
        for (Layer l : WorkloadLoader.load("alexnet-eyeriss-conv", 2).layers()) {
            if (l.kind().isMatrix()) {
                checked += checkBound(chip, RsProblem.of(l, chip.precision(l)));
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    private static long checkBound(RowStationaryArch a, RsProblem pr) {
        RsLevels lv = new RsLevels(a);
        long n = 0;
        for (int e : RsMapper.smallestPerBlockCount(pr.e())) {
            for (int p = 1; p <= Math.min(pr.m(), a.psumSpad().entries()); p += 3) {
                for (int q = 1; q <= Math.min(pr.c(), a.ifmapSpad().entries() / pr.s()); q++) {
                    for (int r = 1; r <= 4; r++) {
                        for (int t = 1; t <= 4; t++) {
                            RsMapping mp = RsMapper.largestM(a, pr, e, pr.n(), p, q, r, t);
                            if (mp == null) {
                                continue;
                            }
                            double est = RsEstimate.of(a, pr, mp, lv).cycles(a);
                            assertThat(RsEstimate.cyclesLowerBound(a, pr, mp)).as(pr + " " + mp)
                                    .isLessThanOrEqualTo(est * (1 + 1e-12));
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }
}
