package org.arrayflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run} warns on one line, and still runs, when the workload needs more DRAM than size_gib. */
class DramCapacityCommandTest {
    @Test
    void aWorkloadAboveTheDramIsWarnedAboutAndStillRuns(@TempDir Path dir) throws IOException {
        // AlexNet's 61 M int8 weights need about 58 MiB; a DRAM of 0.01 GiB (10.24 MiB) holds far less
        Path arch = dir.resolve("small-dram.yaml");
        String preset = Files.readString(Path.of("..", "arch-configs", "tpu-v1.yaml"));
        Files.writeString(arch, preset.replace("    size_gib: 8 ", "    size_gib: 0.01 "));
        CliRun r = CliRun.of("run", "--arch", arch.toString(), "--workload", "alexnet", "--out",
                dir.resolve("out").toString(), "--no-charts");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.startsWith("warning: ")).toList()).singleElement().asString()
                .contains("more than tpu-v1's 10.24 MiB (size_gib)");
        // at 8 GiB it fits: no warning
        CliRun fits = CliRun.of("run", "--arch", "tpu-v1", "--workload", "alexnet", "--out",
                dir.resolve("out8").toString(), "--no-charts");
        assertThat(fits.err()).doesNotContain("warning:");
    }
}
