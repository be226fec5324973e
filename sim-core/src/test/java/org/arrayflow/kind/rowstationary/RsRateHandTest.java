package org.arrayflow.kind.rowstationary;

import org.arrayflow.result.LayerResult;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import static org.arrayflow.kind.rowstationary.TinyArrays.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * PEs doing two int8 MACs a cycle on the 3 x 4 array of {@link TinyArrays}, by hand, with 64-bit networks (8 int8 or
 * 4 16-bit partial sums a cycle) so that the PEs, not the networks, bound a pass. Every tensor but the partial sums is
 * int8; the slower design runs int8 at one MAC a cycle (1 pJ), the faster at two (0.5 pJ, its mode's mac_pj).
 */
class RsRateHandTest {
    static RowStationaryArch arch(int rate, String dram, String mapping) {
        return TinyArrays.wide("{ifmap: {entries: 3}, filter: {entries: 6}, psum: {entries: 2}}", dram, rate,
                rate == 2 ? 0.5 : 1, mapping);
    }

    static Layer conv(int channels, int size, int filters, int kernel) {
        return conv(channels, size, filters, kernel, "{}");
    }

    /** The layer with int8 tensors, its weights further stated by {@code weight} (a density, say). */
    static Layer conv(int channels, int size, int filters, int kernel, String weight) {
        String w = String.join("\n",
                "format: arrayflow-workload/1",
                "name: one",
                "input: {channels: " + channels + ", height: " + size + ", width: " + size + "}",
                "tensors: {ifmap: {datatype: int8}, weight: " + weight.replace("{", "{datatype: int8, ").replace(", }", "}")
                        + ", ofmap: {datatype: int8}}",
                "layers:",
                "  - {name: l1, type: conv2d, filters: " + filters + ", kernel: " + kernel + "}", "");
        return WorkloadLoader.parse("one.yaml", w, 0).layers().get(0);
    }

    /**
     * The 3x3 filter over a 6x6 input of HandDerivedTest (1 channel, 2 filters, E = F = 4), mapping m=2 e=4 p=2 q=1
     * r=1 t=1: one pass, 288 MACs. Filter spads: 18 words at 8 a cycle, 3 cycles. Per image: a PE's p q S F = 2 x 1
     * x 3 x 4 = 24 MACs at one a cycle, or its 2 filters side by side, ceil(2 / 2) x 12 = 12 at two; the ifmap GIN
     * brings 36 words at 8 a cycle (5), the GON takes 32 outputs at 4 (8). Compute 3 + 24 = 27, or 3 + 12 = 15.
     * DRAM (2 bytes a cycle, not overlapped with the array for feature maps): ifmap 36 bytes (18 cycles), filters 18
     * (9), then the pass, then 32 output bytes (16): 70 and 58.
     */
    @Test
    void twoMacsACycleHalveThePesTime() {
        String mapping = "mappings: {l1: {m: 2, n: 1, e: 4, p: 2, q: 1, r: 1, t: 1}}";
        LayerResult one = TinyArrays.run(arch(1, "{bus_bits: 16, clock_mhz: 100}", mapping), conv(1, 6, 2, 3));
        LayerResult two = TinyArrays.run(arch(2, "{bus_bits: 16, clock_mhz: 100}", mapping), conv(1, 6, 2, 3));
        assertThat(one.computeCycles()).isEqualTo(27);
        assertThat(two.computeCycles()).isEqualTo(15);
        assertThat(one.totalCycles()).isEqualTo(70);
        assertThat(two.totalCycles()).isEqualTo(58);
        assertThat(two.macs()).isEqualTo(two.activity().macs()).isEqualTo(288);
        assertThat(one.energyPj("mac")).isCloseTo(288, within(1e-9));
        assertThat(two.energyPj("mac")).isCloseTo(144, within(1e-9));
        // the two lanes share the ifmap value: one ifmap spad read per 2 MACs; filter and psum spads per MAC
        assertThat(count(one, "spad_ifmap", "ifmap", "reads")).isEqualTo(288);
        assertThat(count(two, "spad_ifmap", "ifmap", "reads")).isEqualTo(144);
        assertThat(count(two, "spad_filter", "weight", "reads")).isEqualTo(288);
        assertThat(count(two, "spad_psum", "psum", "writes")).isEqualTo(288);
        assertThat(two.mapping()).containsEntry("multiply", "int8 at 2 MACs/cycle");
    }

    /**
     * A fully connected layer (6 channels of 3x3 to 8 outputs, 432 MACs) behind a DRAM of 1 byte per 10 cycles: 54
     * ifmap and 432 weight bytes in (4,860 cycles), 8 out (80). The search maps it m=8 e=1 p=2 q=1 r=2 t=2 either way:
     * 6 passes of 4 filters x 2 channels, each loading 72 filter words into the spads (9 cycles) and computing
     * max(p q S F = 6 MACs, or 3 at two a cycle; ifmap GIN 18 words, 3; GON 4 outputs, 1) per image: 90 and 72 cycles
     * of compute. The filter loads stream ahead, so the array hides under them but for the last pass, after its load:
     * 4,860 + 9 + 6 + 80 = 4,955 against 4,860 + 9 + 3 + 80 = 4,952. Twice the MACs a cycle buy 3 cycles in 4,955.
     */
    @Test
    void aBandwidthBoundLayerGainsOnlyItsLastPass() {
        LayerResult one = TinyArrays.run(arch(1, "{bus_bits: 8, clock_mhz: 10}", ""), conv(6, 3, 8, 3));
        LayerResult two = TinyArrays.run(arch(2, "{bus_bits: 8, clock_mhz: 10}", ""), conv(6, 3, 8, 3));
        assertThat(one.mapping()).containsEntry("p", "2").containsEntry("t", "2").containsEntry("r", "2");
        assertThat(two.mapping()).containsEntry("p", "2").containsEntry("t", "2").containsEntry("r", "2");
        assertThat(one.computeCycles()).isEqualTo(90);
        assertThat(two.computeCycles()).isEqualTo(72);
        assertThat(one.totalCycles()).isEqualTo(4955);
        assertThat(two.totalCycles()).isEqualTo(4952);
    }
}
