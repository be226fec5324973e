package org.arrayflow.report;

import org.arrayflow.result.Activity;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.LayerResult.LayerInfo;
import org.arrayflow.result.LayerResult.Timing;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** One bar per layer up to the widest chart's 240 bars; past it, one per family of names that differ in numbers. */
class LayerBarsTest {
    /** A layer of {@code macs} MACs in {@code cycles} cycles at {@code rate}, on 4 PEs, moving 10 DRAM bytes. */
    private static LayerResult layer(int i, String name, long macs, long cycles, int rate) {
        return new LayerResult(new LayerInfo(i, name, "gemm", "", macs, 0),
                new Timing(cycles, cycles - 1, 1, (double) macs / (4.0 * rate * cycles), rate),
                List.of(new Traffic("dram", "ifmap", 10, 0, 0, 0, 10)), List.of(EnergyItem.of("mac", "MACs", macs, 1)),
                new Activity(macs, 0, GenericKindReportTest.WORDS), Map.of(), Map.of(), null);
    }

    private static NetworkResult net(int blocks) {
        List<LayerResult> ls = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            ls.add(layer(ls.size(), "b" + b + "_x", 40, 10, 1));
            ls.add(layer(ls.size(), "b" + b + "_y", 80, 10, 2));
        }
        return new NetworkResult("a", "systolic", "", "w", "", 1, 100, 4, ls);
    }

    @Test
    void aShortNetworkKeepsOneBarPerLayer() {
        // 120 blocks = 240 layers: exactly the most bars a chart draws one per layer
        List<LayerBars> bars = LayerBars.of(net(120));
        assertThat(bars).hasSize(240);
        assertThat(bars.get(1).label()).isEqualTo("b0_y");
        assertThat(LayerBars.grouped(bars, net(120))).isFalse();
    }

    @Test
    void aLongNetworkSumsEachFamily() {
        // 121 blocks = 242 layers: two families, b#_x and b#_y, each of 121 layers. b#_y: 121 x 10 = 1210 cycles,
        // 1089 compute + 121 stall, 1210 DRAM bytes, 121 x 80 MACs = 9680 pJ; utilisation 121 x 80 / 2 PE-cycles
        // over 4 PEs x 1210 cycles = 100 %, as each of its layers (80 MACs at 2 a PE over 4 PEs x 10 cycles)
        NetworkResult r = net(121);
        List<LayerBars> bars = LayerBars.of(r);
        assertThat(bars).extracting(LayerBars::label).containsExactly("b#_x", "b#_y");
        LayerBars y = bars.get(1);
        assertThat(y.layers()).hasSize(121);
        assertThat(y.computeCycles()).isEqualTo(1089);
        assertThat(y.stallCycles()).isEqualTo(121);
        assertThat(y.bytes("dram", "ifmap")).isEqualTo(1210);
        assertThat(y.energyPj("mac")).isCloseTo(9680, within(1e-9));
        assertThat(y.utilization(4)).isCloseTo(1.0, within(1e-12));
        assertThat(bars.get(0).utilization(4)).isCloseTo(1.0, within(1e-12));
        assertThat(LayerBars.grouped(bars, r)).isTrue();
    }
}
