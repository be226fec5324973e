package org.arrayflow.kind.rowstationary;

import org.arrayflow.config.ConfigException;
import org.arrayflow.result.LayerResult;
import org.arrayflow.tensor.LoadImbalance;
import org.junit.jupiter.api.Test;

import static org.arrayflow.kind.rowstationary.TinyArrays.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Zero skipping against zero gating on the row-stationary array, by hand: the one-pass conv of {@link RsRateHandTest}
 * (3x3 filters over a 6x6 input, 2 filters, 288 MACs, int8, 64-bit networks) with weights at density 0.5. Dense, its
 * array time is 3 cycles of spad loading + 24 MAC cycles per image = 27, and 70 in all.
 *
 * <p>Gating ({@code zero_gating: [weight]}) changes energy, not cycles: 27 and 70 again, half the 288 MACs gated
 * (144 pJ of MAC energy instead of 288), and the weight read first skips the ifmap spad read on a zero (144 reads).
 *
 * <p>Skipping ({@code zero_skipping: {index_bits: 4}}): each of the 12 PEs (R x e = 3 x 4) keeps Binomial(6, 0.5) of
 * its p q S = 6 weights; the pass waits for the busiest, E[max of 12] = sum over k &lt; 6 of 1 - F(k)^12 with F = 1, 7,
 * 22, 42, 57, 63 over 64, = 4.9167, so 5 of 6: 5 x F = 20 MAC cycles per image. The layer's 18 weights keep 9, each
 * with its 4-bit index: 9 x 12 bits = 14 bytes from DRAM (7 cycles at 2 bytes a cycle, against 9), and 108 bits over
 * the 64-bit filter GIN (2 cycles). Array time 2 + 20 = 22; in all 18 (ifmap) + 7 + 22 + 16 (outputs) = 63. MAC slots
 * 288 x 5 / 6 = 240, 48 skipped (240 + 48 = 288); of the 240, 288 x 0.5 = 144 are non-zero products and 96 wait
 * (gated): MAC energy 144 pJ, as with gating. Every spad is accessed per slot (240).
 */
class RsZeroSkipHandTest {
    private static LayerResult run(String sparsity) {
        String mapping = sparsity + "\nmappings: {l1: {m: 2, n: 1, e: 4, p: 2, q: 1, r: 1, t: 1}}";
        return TinyArrays.run(RsRateHandTest.arch(1, "{bus_bits: 16, clock_mhz: 100}", mapping),
                RsRateHandTest.conv(1, 6, 2, 3, "{density: 0.5}"));
    }

    private static long dramWeightBytes(LayerResult r) {
        return r.traffic().stream().filter(t -> t.level().equals("dram") && t.tensor().equals("weight"))
                .mapToLong(t -> t.bytes()).sum();
    }

    @Test
    void gatingChangesEnergyAndSkippingChangesCycles() {
        LayerResult dense = run("");
        LayerResult gated = run("sparsity: {zero_gating: [weight]}");
        LayerResult skipped = run("sparsity: {zero_skipping: {index_bits: 4}}");
        assertThat(LoadImbalance.expectedMax(6, 0.5, 12)).isCloseTo(4.916734, within(1e-6));

        assertThat(dense.computeCycles()).isEqualTo(gated.computeCycles()).isEqualTo(27);
        assertThat(dense.totalCycles()).isEqualTo(gated.totalCycles()).isEqualTo(70);
        assertThat(dense.energyPj("mac")).isCloseTo(288, within(1e-9));
        assertThat(gated.energyPj("mac")).isCloseTo(144, within(1e-9));
        assertThat(gated.activity().gatedMacs()).isEqualTo(144);
        assertThat(count(gated, "spad_ifmap", "ifmap", "reads")).isEqualTo(144);

        assertThat(skipped.computeCycles()).isEqualTo(22);
        assertThat(skipped.totalCycles()).isEqualTo(63);
        assertThat(skipped.macs()).isEqualTo(288);
        assertThat(skipped.activity().macs()).isEqualTo(240);
        assertThat(skipped.activity().skippedMacs()).isEqualTo(48);
        assertThat(skipped.activity().macs() + skipped.activity().skippedMacs()).isEqualTo(skipped.macs());
        assertThat(skipped.activity().gatedMacs()).isEqualTo(96);
        assertThat(skipped.energyPj("mac")).isCloseTo(144, within(1e-9));
        assertThat(dramWeightBytes(dense)).isEqualTo(18);
        assertThat(dramWeightBytes(skipped)).isEqualTo(14);
        assertThat(count(skipped, "spad_filter", "weight", "reads")).isEqualTo(240);
        assertThat(count(skipped, "spad_ifmap", "ifmap", "reads")).isEqualTo(240);
        assertThat(skipped.mapping()).containsEntry("zero_skip", "busiest of 12 PEs keeps 5 of 6 weights");
    }

    @Test
    void skippingAtTwoMacsACycleIsRefused() {
        assertThatThrownBy(() -> RsRateHandTest.arch(2, "{bus_bits: 16, clock_mhz: 100}",
                "sparsity: {zero_skipping: {index_bits: 4}}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("zero_skipping").hasMessageContaining("int8 runs at 2");
    }

    @Test
    void theSearchedMappingConservesMacs() {
        // the search costs mappings with skipping too; whatever it picks, performed + skipped = dense
        LayerResult r = TinyArrays.run(RsRateHandTest.arch(1, "{bus_bits: 16, clock_mhz: 100}",
                "sparsity: {zero_skipping: {index_bits: 4}}"), RsRateHandTest.conv(4, 8, 8, 3, "{density: 0.3}"));
        assertThat(r.activity().macs() + r.activity().skippedMacs()).isEqualTo(r.macs());
        assertThat(r.activity().skippedMacs()).isPositive();
    }
}
