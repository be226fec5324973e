package org.arrayflow.validation;

import org.arrayflow.config.ConfigException;
import org.arrayflow.result.Activity;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {
    /** TPU v1: 65536 MACs per cycle at 700 MHz, 34 GB/s = 34e9 / 700e6 = 48.57 bytes per cycle, 1-byte weights. */
    private static final Outcome TPU = new Outcome(null,
            new NetworkResult("tpu", "systolic", "", "w", "", 1, 700, 65536, List.of()), List.of(), 65536,
            34e9 / 700e6, Precision.of(Datatype.word(8), Datatype.word(32)));

    @Test
    void rooflineBoundIsTheLesserOfPeakAndBandwidthTimesIntensity() {
        // 200 MACs per byte x 48.57 bytes/cycle = 9714 MACs/cycle < 65536; x 2 ops x 700 MHz = 13.6 TOPS.
        assertThat(Metrics.bound(200, TPU, 700)).isCloseTo(13.6, within(1e-9));
        // Above the ridge (65536 / 48.57 = 1349 MACs/byte) the peak rules: 65536 x 2 x 700e6 = 91.75 TOPS.
        assertThat(Metrics.bound(2888, TPU, 700)).isCloseTo(91.750_4, within(1e-9));
        // 4e9 MACs on 1e6 weight bytes is 4000 MACs per byte.
        assertThat(Metrics.intensity(4_000_000_000L, 1_000_000L, TPU)).isEqualTo(4000.0);
        // 1e9 MACs in 700,000 cycles at 700 MHz = 1 ms: 2e9 ops / 1e-3 s = 2 TOPS.
        assertThat(Metrics.tops(1_000_000_000L, 700_000, 700)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void onChipPowerLeavesDramOutAndDividesByTheLayersTime() {
        // 1000 cycles at 500 MHz = 2 us. On chip: 100 MACs x 1 pJ + 50 words x 2 pJ + 1000 cycles x 0.3 pJ
        // = 100 + 100 + 300 = 500 pJ; the 10 DRAM bytes x 100 pJ = 1000 pJ are left out.
        // 500e-12 J / 2e-6 s = 0.25 mW.
        LayerResult l = new LayerResult(new LayerResult.LayerInfo(0, "c", "conv2d", "", 100, 0),
                new LayerResult.Timing(1000, 1000, 0, 1), List.of(),
                List.of(EnergyItem.of("mac", "", 100, 1), EnergyItem.of("bram", "", 50, 2),
                        EnergyItem.of("leakage", "cycles", 1000, 0.3), EnergyItem.of("dram", "", 10, 100)),
                new Activity(100, 0, Precision.of(Datatype.word(8), Datatype.word(32))), Map.of(), Map.of(), null);
        NetworkResult r = new NetworkResult("a", "tiled-fusion", "", "w", "", 1, 500, 1, List.of(l));
        assertThat(LevelMetrics.resolve(r, "c", "on_chip_power_mw")).isCloseTo(0.25, within(1e-12));
        assertThat(LevelMetrics.resolve(r, "total", "on_chip_power_mw")).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void utilisationCountsEachLayerAtItsOwnRate() {
        // 4 PEs. Layer a: 80 MACs in 20 cycles at 1 MAC/PE/cycle = 80 / (4 x 20) = 100 %. Layer b: 160 MACs in 20
        // cycles at 2 (fp16 on a TF32 PE) = 160 / (4 x 2 x 20) = 100 %, not 200 %. The network: (80 + 160 / 2)
        // PE-cycles over 4 PEs x 40 cycles = 100 %; a layer at rate 2 taking 40 cycles would be 50 %.
        LayerResult a = layer("a", 80, 20, 1);
        LayerResult b = layer("b", 160, 20, 2);
        NetworkResult r = new NetworkResult("x", "systolic", "", "w", "", 1, 500, 4, List.of(a, b));
        assertThat(b.peCycles()).isEqualTo(80.0);
        assertThat(r.utilization()).isEqualTo(1.0);
        assertThat(LevelMetrics.resolve(r, "total", "utilization")).isEqualTo(1.0);
        NetworkResult slow = new NetworkResult("x", "systolic", "", "w", "", 1, 500, 4, List.of(layer("c", 160, 40, 2)));
        assertThat(slow.utilization()).isEqualTo(0.5);
    }

    private static LayerResult layer(String name, long macs, long cycles, int rate) {
        return new LayerResult(new LayerResult.LayerInfo(0, name, "gemm", "", macs, 0),
                new LayerResult.Timing(cycles, cycles, 0, (double) macs / (4.0 * rate * cycles), rate), List.of(),
                List.of(), new Activity(macs, 0, Precision.of(Datatype.word(16), Datatype.word(32))), Map.of(),
                Map.of(), null);
    }

    @Test
    void peakTopsFollowsUnitsRatesCoresAndTheStructuredPattern() {
        // 2 cores x 4x4 PEs, int8 at 4 MACs/PE/cycle, 2:4: 2 x 16 x 1 x 2 ops x 1000 MHz = 0.064 TOPS in bf16,
        // x4 = 0.256 in int8, x 4/2 sparse = 0.512.
        org.arrayflow.arch.Architecture a = org.arrayflow.arch.ArchLoader.parse("p.yaml", """
                format: arrayflow-arch/1
                name: p
                type: systolic
                clock_mhz: 1000
                word_bits: 16
                dataflow: weight-stationary
                pe_array: {rows: 4, cols: 4, accumulator_bits: 32}
                memory:
                  ifmap_sram: {size_kib: 64}
                  filter_sram: {size_kib: 64}
                  ofmap_sram: {size_kib: 64}
                  dram: {bandwidth_gb_s: 10}
                cores: {count: 2}
                sparsity: {structured: {pattern: "2:4"}}
                datatypes: {bf16: {}, int8: {macs_per_cycle: 4}}
                """);
        Outcome o = new Outcome(a, null, List.of(), a.peCount(), 1, a.precision());
        assertThat(Metrics.resolve("peak_tops_bf16", null, o, "c.yaml")).isCloseTo(0.064, within(1e-12));
        assertThat(Metrics.resolve("peak_tops_int8", null, o, "c.yaml")).isCloseTo(0.256, within(1e-12));
        assertThat(Metrics.resolve("peak_tops_int8_sparse", null, o, "c.yaml")).isCloseTo(0.512, within(1e-12));
        // a type the array refuses has no peak; a name that is no type is an input error
        assertThat(Metrics.resolve("peak_tops_fp32", null, o, "c.yaml")).isZero();
        assertThatThrownBy(() -> Metrics.resolve("peak_tops_int7", null, o, "c.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'int7' is not a datatype");
        assertThatThrownBy(() -> Metrics.resolve("peak_tops_int8_sparse", null, TPU, "c.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs an architecture file");
    }

    @Test
    void unknownMetricAndScaleSimOnlyMetricsAreInputErrors() {
        assertThatThrownBy(() -> Metrics.resolve("flops", null, TPU, "c.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown metric 'flops'")
                .hasMessageContaining("total_cycles");
        assertThatThrownBy(() -> Metrics.resolve("mapping_efficiency_pct", "conv1", TPU, "c.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only for a SCALE-Sim");
        assertThatThrownBy(() -> Metrics.resolve("total_cycles", "nope", TPU, "c.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no layer named 'nope'");
    }

    @Test
    void caseFilesAreCheckedWithPositions(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "format: arrayflow-validation/1\nname: x\nsource: s\narch: a\nworkload: w\n"
                + "expect:\n  - {layer: total, metric: macs, value: 1, tolerance_pct: -1}\n");
        assertThatThrownBy(() -> ValidationCase.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tolerance_pct").hasMessageContaining("must not be negative");
        Files.writeString(f, "format: arrayflow-validation/1\nname: x\narch: a\nworkload: w\nexpect: []\n");
        assertThatThrownBy(() -> ValidationCase.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("source");
    }
}
