package org.arrayflow.validation;

import org.arrayflow.config.ConfigException;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
