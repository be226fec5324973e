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
     * The paper's Table III mappings are inside the searched space, so the searched mapping can only cost
     * the same or less energy in this model; and the search is deterministic.
     */
    @Test
    void searchedMappingsNeverCostMoreThanThePapers() {
        RowStationaryArch paper = (RowStationaryArch) ArchLoader.load("../validation/arch/eyeriss-v1-jssc17.yaml");
        RowStationaryArch searched = paper.withMappings(Map.of());
        Network net = WorkloadLoader.load("alexnet-eyeriss-conv", 4);
        RsPlanner pp = new RsPlanner(paper);
        RsPlanner sp = new RsPlanner(searched);
        for (Layer l : net.layers()) {
            if (!l.kind().isMatrix()) {
                continue;
            }
            RsProblem pr = RsProblem.of(l, paper.precision(l));
            RsMapper.Choice given = pp.map(pr);
            RsMapper.Choice found = sp.map(pr);
            assertThat(found.estimate().energyPj(searched.energy())).as(l.name())
                    .isLessThanOrEqualTo(given.estimate().energyPj(paper.energy()) * (1 + 1e-12));
            assertThat(sp.map(pr).mapping()).isEqualTo(found.mapping());
        }
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
}
