package org.arrayflow.kind.tiled;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tiling search stays within the DSP and BRAM budgets, is deterministic, and per-layer never loses. */
class TilingSearchTest {
    static List<Layer> matrixLayers(Network n) {
        return n.layers().stream().filter(l -> l.kind().isMatrix()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fpga-vc707-zhang15", "fpga-zc706-qiu16"})
    void withinBudgetsAndDeterministic(String archName) {
        TiledFusionArch a = (TiledFusionArch) ArchLoader.load(archName);
        List<Layer> layers = matrixLayers(WorkloadLoader.load("alexnet", 1));
        Map<String, TileCost> first = new TilingSearch(a).search(layers);
        Map<String, TileCost> again = new TilingSearch(a).search(layers);
        assertThat(again).isEqualTo(first);
        long tm = first.values().iterator().next().tiling().tm();
        long tn = first.values().iterator().next().tiling().tn();
        for (TileCost c : first.values()) {
            assertThat(c.tiling().tm()).as("one engine for the network").isEqualTo(tm);
            assertThat(c.tiling().tn()).isEqualTo(tn);
            assertThat(c.tiling().units()).isLessThanOrEqualTo(a.macUnits());
            assertThat(c.bramBytes()).isLessThanOrEqualTo(a.onChipBytes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"alexnet", "vgg16"})
    void perLayerEnginesAreNeverSlowerOnTheRoofline(String workload) {
        TiledFusionArch uniform = (TiledFusionArch) ArchLoader.load("fpga-vc707-zhang15");
        TiledFusionArch perLayer = uniform.withPerLayerTiling(true);
        List<Layer> layers = matrixLayers(WorkloadLoader.load(workload, 1));
        Map<String, TileCost> u = new TilingSearch(uniform).search(layers);
        Map<String, TileCost> p = new TilingSearch(perLayer).search(layers);
        double bpc = uniform.sustainedDramBytesPerCycle();
        double tu = 0;
        double tp = 0;
        for (Layer l : layers) {
            tu += u.get(l.name()).rooflineCycles(bpc);
            tp += p.get(l.name()).rooflineCycles(bpc);
        }
        // Per layer, engines are ranked by that layer's own compute cycles and the best 24 are evaluated with
        // memory; the network-wide engine is not guaranteed to be among them, so this is not a theorem but a
        // check that the heuristic does not lose on these networks.
        assertThat(tp).isLessThanOrEqualTo(tu + 1e-6);
    }
}
