package org.arrayflow.validation;

import org.arrayflow.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** A case that divides a run's figure by a baseline run's, on the hand-derived 8x8 WS GEMM of validation/systolic. */
class BaselineCaseTest {
    private static Path write(Path dir, String body) throws Exception {
        Path arch = dir.resolve("a.yaml");
        Files.writeString(arch, """
                format: arrayflow-arch/1
                name: a
                type: systolic
                clock_mhz: 1000
                word_bits: 8
                dataflow: weight-stationary
                pe_array: {rows: 8, cols: 8, accumulator_bits: 32}
                memory:
                  ifmap_sram: {size_kib: 64}
                  filter_sram: {size_kib: 64}
                  ofmap_sram: {size_kib: 64}
                  dram: {bandwidth_gb_s: 1000, latency_cycles: 0, channels: 1}
                """);
        Files.writeString(dir.resolve("b.yaml"), Files.readString(arch).replace("rows: 8, cols: 8", "rows: 4, cols: 8"));
        Files.writeString(dir.resolve("w.yaml"), """
                format: arrayflow-workload/1
                name: w
                input: {channels: 16, height: 1, width: 16}
                layers:
                  - {name: g, type: gemm, m: 16, n: 8, k: 16}
                """);
        Path c = dir.resolve("case.yaml");
        Files.writeString(c, "format: arrayflow-validation/1\nname: c\nsource: hand\narch: a.yaml\nworkload: w.yaml\n" + body);
        return c;
    }

    @Test
    void aRatioIsTheRunOverTheBaseline(@TempDir Path dir) throws Exception {
        // 8x8: 2 row folds of 2R + C + M - 2 = 38 cycles = 76; the 4x8 baseline: 4 row folds of 8 + 8 + 16 - 2 = 30 = 120
        ValidationCase c = ValidationCase.load(write(dir, "baseline: {arch: b.yaml}\nexpect:\n"
                + "  - {layer: g, metric: compute_cycles, ratio: true, value: 0.6333, tolerance_pct: 0.1}\n"
                + "  - {layer: g, metric: compute_cycles, value: 76, tolerance_pct: 0}\n"));
        List<CaseRunner.Row> rows = CaseRunner.run(c);
        assertThat(rows.get(0).simulated()).isCloseTo(76.0 / 120, within(1e-12));
        assertThat(rows.get(0).metric()).isEqualTo("compute_cycles / baseline");
        assertThat(rows.get(1).simulated()).isEqualTo(76);
        assertThat(rows).allMatch(CaseRunner.Row::pass);
    }

    @Test
    void aRatioWithoutABaselineAndUnknownBaselineKeysAreErrors(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ValidationCase.load(write(dir, "expect:\n"
                + "  - {layer: g, metric: compute_cycles, ratio: true, value: 1, tolerance_pct: 0}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ratio").hasMessageContaining("baseline:");
        assertThatThrownBy(() -> ValidationCase.load(write(dir, "baseline: {arhc: b.yaml}\nexpect:\n"
                + "  - {layer: g, metric: compute_cycles, value: 76, tolerance_pct: 0}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("arhc").hasMessageContaining("unknown key");
    }
}
