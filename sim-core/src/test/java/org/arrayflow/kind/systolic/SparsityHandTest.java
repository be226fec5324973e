package org.arrayflow.kind.systolic;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.TensorFigures;
import org.arrayflow.workload.Layer;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.arrayflow.testing.Fixtures.isolated;
import static org.arrayflow.testing.Fixtures.network;
import static org.arrayflow.testing.Fixtures.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Zeros on a 4x4 weight-stationary array, by hand. The GEMM is 8 x 8 x 4 (M x K x N), 256 MACs: dense, two row
 * folds of K = 4, each 2R + C + M - 2 = 18 cycles; 64 ifmap bytes and 32 weight bytes at 8 bits.
 */
class SparsityHandTest {
    static SystolicArch arch(String sparsity) {
        return (SystolicArch) ArchLoader.parse("sp.yaml", String.format(Locale.ROOT, """
                format: arrayflow-arch/1
                name: sp
                type: systolic
                clock_mhz: 1000
                word_bits: 8
                %s
                dataflow: weight-stationary
                pe_array: {rows: 4, cols: 4, accumulator_bits: 32}
                memory:
                  ifmap_sram: {size_kib: 64}
                  filter_sram: {size_kib: 64}
                  ofmap_sram: {size_kib: 64}
                  dram: {bandwidth_gb_s: 1000, latency_cycles: 0}
                energy: {mac_pj: 1.0}
                """, sparsity));
    }

    private static Layer gemm(String tensors) {
        return network(1, 1, 1, "{name: g, type: gemm, m: 8, k: 8, n: 4, tensors: " + tensors + "}").layers().get(0);
    }

    @Test
    void twoFourWeightsOnAnArrayWithoutSupportRunDense() {
        LayerResult r = isolated(arch(""), gemm("{weight: {density: \"2:4\"}}"));
        assertThat(r.computeCycles()).isEqualTo(2 * 18);
        assertThat(r.activity().macs()).isEqualTo(256);
        assertThat(traffic(r, "dram", "weight").bytes()).isEqualTo(32);
        assertThat(r.mapping()).doesNotContainKey("structured").containsEntry("tensors", "weight:word8@2:4");
    }

    @Test
    void twoFourWeightsOnATwoFourArrayHalveTheFoldsAndCarryTheirMetadata() {
        LayerResult r = isolated(arch("sparsity: {structured: {pattern: \"2:4\"}}"), gemm("{weight: {density: \"2:4\"}}"));
        // K' = 4 kept weights per column: one fold
        assertThat(r.computeCycles()).isEqualTo(18);
        assertThat(r.activity().macs()).isEqualTo(128);
        assertThat(r.macs()).isEqualTo(256); // the layer's MACs: performed + skipped
        assertThat(r.mapping()).containsEntry("structured", "2:4 (128 MACs skipped)");
        // 16 kept weights with 2 bits of metadata each: 16 x 10 / 8 = 20 bytes
        assertThat(traffic(r, "dram", "weight").bytes()).isEqualTo(20);
        // as the outputs show it: 16 bytes of kept values, 4 of metadata, 128 MACs skipped
        assertThat(TensorFigures.uncompressedBytes(r, traffic(r, "dram", "weight"))).isEqualTo(16);
        assertThat(TensorFigures.metadataBytes(r, traffic(r, "dram", "weight"))).isEqualTo(4);
        assertThat(r.activity().skippedMacs()).isEqualTo(128);
        // every activation is still read: the metadata picks, it does not fetch less
        assertThat(traffic(r, "dram", "ifmap").bytes()).isEqualTo(64);
        assertThat(traffic(r, "ifmap_sram", "ifmap").reads()).isEqualTo(64);
        // a pattern that does not fit (3:4) runs dense
        LayerResult loose = isolated(arch("sparsity: {structured: {pattern: \"2:4\"}}"), gemm("{weight: {density: \"3:4\"}}"));
        assertThat(loose.computeCycles()).isEqualTo(2 * 18);
        // 1:8 fits 2:4 (no group of four holds more than two) but still runs at 2:4
        LayerResult oneEight = isolated(arch("sparsity: {structured: {pattern: \"2:4\"}}"),
                gemm("{weight: {density: \"1:8\"}}"));
        assertThat(oneEight.activity().macs()).isEqualTo(128);
    }

    @Test
    void zeroGatingSavesMacEnergyNotCycles() {
        LayerResult dense = isolated(arch(""), gemm("{ifmap: {density: 0.5}}"));
        LayerResult gated = isolated(arch("sparsity: {zero_gating: [ifmap]}"), gemm("{ifmap: {density: 0.5}}"));
        assertThat(gated.totalCycles()).isEqualTo(dense.totalCycles());
        assertThat(dense.energyPj("mac")).isCloseTo(256, within(1e-9));
        assertThat(gated.energyPj("mac")).isCloseTo(128, within(1e-9));
        assertThat(gated.activity().gatedMacs()).isEqualTo(128);
    }

    @Test
    void compressedStorageSetsTheBytesMovedFromTheDensity() {
        LayerResult r = isolated(arch("sparsity: {compression: {ifmap: {format: bitmask, levels: [dram]}}}"),
                gemm("{ifmap: {density: 0.5}}"));
        // 64 elements: a 64-bit mask and 32 non-zero bytes
        assertThat(traffic(r, "dram", "ifmap").bytes()).isEqualTo(8 + 32);
        // the SRAM holds it dense
        assertThat(traffic(r, "ifmap_sram", "ifmap").bytes()).isEqualTo(2 * 64);
        // never below density x dense bytes plus the metadata
        assertThat(traffic(r, "dram", "ifmap").bytes()).isGreaterThanOrEqualTo((long) (0.5 * 64) + 8);
        // as the outputs show it: 64 bytes dense, of the 40 moved 8 are the mask; the SRAM's are not compressed
        assertThat(TensorFigures.uncompressedBytes(r, traffic(r, "dram", "ifmap"))).isEqualTo(64);
        assertThat(TensorFigures.metadataBytes(r, traffic(r, "dram", "ifmap"))).isEqualTo(8);
        assertThat(TensorFigures.compressed(r, traffic(r, "ifmap_sram", "ifmap"))).isFalse();
    }

    /** TPU v1 with a 2:4 sparse matrix unit (a what-if: the chip has none). */
    private static SystolicArch tpuTwoFour() {
        String text = org.arrayflow.config.Bundled.resolve(org.arrayflow.config.Bundled.ARCH, "tpu-v1").text();
        return (SystolicArch) ArchLoader.parse("tpu-2-4.yaml", text + "sparsity: {structured: {pattern: \"2:4\"}}\n");
    }

    private static LayerResult onTpu(SystolicArch a, String layer, int c, int h, String density) {
        return isolated(a, network(c, h, h, layer.replace("}", ", tensors: {weight: {density: " + density + "}}}"))
                .layers().get(0));
    }

    @Test
    void twoFourDoublesMathThroughputWhereTheArrayBoundsAndNotWhereDramDoes() {
        SystolicArch plain = (SystolicArch) ArchLoader.load("tpu-v1");
        SystolicArch sparse = tpuTwoFour();
        // compute-bound (112 x 112 outputs stream through each fold): K = 512 x 3 x 3 = 4608, 18 row folds of 256
        // dense, 9 kept
        String conv = "{name: c, type: conv2d, filters: 512, kernel: 3, padding: 1}";
        LayerResult dense = onTpu(plain, conv, 512, 112, "\"2:4\"");
        LayerResult skip = onTpu(sparse, conv, 512, 112, "\"2:4\"");
        assertThat((double) dense.computeCycles() / skip.computeCycles()).isCloseTo(2.0, within(0.01));
        // the whole layer gains less: alone, its 6.4 MB of activations in and out cross 34 GB/s, and the halved
        // compute falls below that; time never beats either bound
        long dramBytes = skip.traffic().stream().filter(t -> t.level().equals("dram")).mapToLong(t -> t.bytes()).sum();
        assertThat((double) skip.totalCycles()).isGreaterThanOrEqualTo(Math.max(skip.computeCycles(),
                dramBytes / sparse.dram().bytesPerCycle(sparse.clockMhz())));
        assertThat(skip.totalCycles()).isLessThan(dense.totalCycles());
        // bandwidth-bound (fc at batch 1: every weight is used once): the gain is the weight bytes' alone,
        // 8 / (0.5 x (8 + 2)) = 1.6, not the math's 2
        String fc = "{name: f, type: fc, outputs: 4096}";
        LayerResult fcDense = onTpu(plain, fc, 4096, 1, "\"2:4\"");
        LayerResult fcSkip = onTpu(sparse, fc, 4096, 1, "\"2:4\"");
        assertThat((double) traffic(fcDense, "dram", "weight").bytes() / traffic(fcSkip, "dram", "weight").bytes())
                .isCloseTo(1.6, within(1e-3));
        assertThat((double) fcDense.totalCycles() / fcSkip.totalCycles()).isCloseTo(1.6, within(0.05));
    }

    @Test
    void declarationMistakes() {
        assertThatThrownBy(() -> arch("sparsity: {structured: {pattern: \"4:4\"}}")).hasMessageContaining("N < M");
        assertThatThrownBy(() -> arch("sparsity: {compression: {ifmap: {format: rlc, levels: [l2]}}}"))
                .hasMessageContaining("not a level that can hold compressed data").hasMessageContaining("dram, ifmap_sram");
        assertThatThrownBy(() -> arch("sparsity: {zero_gating: [psum]}")).hasMessageContaining("zero_gating");
    }
}
