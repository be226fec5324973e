package org.arrayflow.kind.rowstationary;

import org.arrayflow.result.LayerResult;
import org.junit.jupiter.api.Test;

import static org.arrayflow.kind.rowstationary.TinyArrays.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Structured 2:4 skipping on a 3 x 4 row-stationary array, by hand. A 3x3 conv of 4 channels over a 6x6 input to 2
 * filters (E = F = 4, 1,152 MACs, int8, 64-bit networks), mapped m=2 e=4 p=2 q=4 r=1 t=1: one pass on 12 PEs, each
 * holding p q S = 2 x 4 x 3 = 24 weights; its weights pruned 2:4 along the input channels.
 *
 * <p>Dense (or on the array without N:M support): filter spads 72 words at 8 a cycle (9 cycles), then a PE's p q S F
 * = 96 MAC cycles per image (the ifmap GIN's 144 words take 18, the GON's 32 outputs 8): 105 cycles of compute. DRAM
 * at 2 bytes a cycle, not overlapped for feature maps: 144 ifmap bytes (72 cycles), 72 weight bytes (36), the pass,
 * 32 output bytes (16): 229.
 *
 * <p>With {@code structured: {pattern: "2:4"}} every filter keeps 2 of its 4 channels at each tap in every PE: 2 x 3
 * x 2 = 12 of 24 weights, no imbalance, 48 MAC cycles per image. The 36 kept weights carry 2 bits of metadata each:
 * 360 bits over the 64-bit filter GIN (6 cycles), 45 bytes from DRAM (23 cycles). Compute 6 + 48 = 54, in all
 * 72 + 23 + 54 + 16 = 165; 576 MACs performed, 576 skipped, MAC energy 576 pJ. At two int8 MACs a cycle the two
 * filters of a PE run side by side with the same kept count: 24 MAC cycles an image, 6 + 24 = 30 of compute
 * (dense: 9 + 48 = 57).
 */
class RsStructuredHandTest {
    private static final String MAPPING = "mappings: {l1: {m: 2, n: 1, e: 4, p: 2, q: 4, r: 1, t: 1}}";

    private static RowStationaryArch arch(int rate, String sparsity) {
        return arch(rate, sparsity, MAPPING);
    }

    private static RowStationaryArch arch(int rate, String sparsity, String mapping) {
        return TinyArrays.wide("{ifmap: {entries: 12}, filter: {entries: 24}, psum: {entries: 2}}",
                "{bus_bits: 16, clock_mhz: 100}", rate, 1, sparsity, mapping);
    }

    private static LayerResult run(int rate, String sparsity) {
        return TinyArrays.run(arch(rate, sparsity), RsRateHandTest.conv(4, 6, 2, 3, "{density: \"2:4\"}"));
    }

    private static long dramWeightBytes(LayerResult r) {
        return r.traffic().stream().filter(t -> t.level().equals("dram") && t.tensor().equals("weight"))
                .mapToLong(t -> t.bytes()).sum();
    }

    @Test
    void twoOfFourHalvesThePesTimeAndMovesTheKeptWeightsWithTheirMetadata() {
        LayerResult dense = run(1, "");
        LayerResult nm = run(1, "sparsity: {structured: {pattern: \"2:4\"}}");
        assertThat(dense.computeCycles()).isEqualTo(105);
        assertThat(dense.totalCycles()).isEqualTo(229);
        assertThat(dense.activity().macs()).isEqualTo(1152);
        assertThat(dramWeightBytes(dense)).isEqualTo(72);

        assertThat(nm.computeCycles()).isEqualTo(54);
        assertThat(nm.totalCycles()).isEqualTo(165);
        assertThat(nm.macs()).isEqualTo(1152);
        assertThat(nm.activity().macs()).isEqualTo(576);
        assertThat(nm.activity().skippedMacs()).isEqualTo(576);
        assertThat(nm.activity().gatedMacs()).isZero();
        assertThat(nm.energyPj("mac")).isCloseTo(576, within(1e-9));
        assertThat(dramWeightBytes(nm)).isEqualTo(45);
        assertThat(count(nm, "spad_filter", "weight", "reads")).isEqualTo(576);
        assertThat(nm.mapping()).containsEntry("structured", "2:4 (576 MACs skipped)");
    }

    @Test
    void simdLanesOverFiltersKeepStepWithStructuredWeights() {
        assertThat(run(2, "").computeCycles()).isEqualTo(57);
        LayerResult nm = run(2, "sparsity: {structured: {pattern: \"2:4\"}}");
        assertThat(nm.computeCycles()).isEqualTo(30);
        assertThat(nm.activity().macs() + nm.activity().skippedMacs()).isEqualTo(nm.macs());
    }

    @Test
    void theSearchedMappingConservesMacsAndKeepsWholeGroupsInAPe() {
        LayerResult r = TinyArrays.run(arch(1, "sparsity: {structured: {pattern: \"2:4\"}}", ""),
                RsRateHandTest.conv(8, 8, 8, 3, "{density: \"2:4\"}"));
        assertThat(r.activity().macs() + r.activity().skippedMacs()).isEqualTo(r.macs());
        assertThat(r.activity().skippedMacs()).isEqualTo(r.macs() / 2);
        assertThat(Integer.parseInt(r.mapping().get("q")) % 4).isZero();
    }

    /**
     * With 3-entry ifmap spads a PE holds one channel of a 3-wide filter row (q = 1): it may hold the kept weight of
     * its group, and its neighbours wait for it, so nothing is skipped in time. The kept weights still move compressed:
     * 576 weights of 8 bits become 288 of 10 bits each time they are loaded.
     */
    @Test
    void aPeHoldingLessThanAGroupGainsNoTime() {
        LayerResult r = TinyArrays.run(RsRateHandTest.arch(1, "{bus_bits: 16, clock_mhz: 100}",
                "sparsity: {structured: {pattern: \"2:4\"}}"), RsRateHandTest.conv(8, 8, 8, 3, "{density: \"2:4\"}"));
        LayerResult dense = TinyArrays.run(RsRateHandTest.arch(1, "{bus_bits: 16, clock_mhz: 100}", ""),
                RsRateHandTest.conv(8, 8, 8, 3, "{density: \"2:4\"}"));
        assertThat(r.mapping()).containsEntry("q", "1");
        assertThat(r.activity().skippedMacs()).isZero();
        assertThat(r.computeCycles()).isLessThanOrEqualTo(dense.computeCycles());
        // the same mapping loads the filters as often: half the weights at 10 bits instead of 8 each time
        assertThat(r.mapping()).containsEntry("p", dense.mapping().get("p")).containsEntry("t", dense.mapping().get("t"));
        assertThat(dramWeightBytes(r) * 8).isEqualTo(dramWeightBytes(dense) * 5);
    }
}
