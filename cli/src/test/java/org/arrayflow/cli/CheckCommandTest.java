package org.arrayflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code arrayflow check FILE...}: several files at once, in every format {@code run} takes (SCALE-Sim's
 * .cfg and .csv included); one line per file, and a bad file does not stop the others from being checked.
 */
class CheckCommandTest {
    static final String SCALESIM = Path.of("..", "validation", "scalesim").toString();

    @Test
    void severalFilesInEveryFormat() {
        String cfg = SCALESIM + "/google_ws.cfg";
        String csv = SCALESIM + "/alexnet.csv";
        String gemm = SCALESIM + "/gemm_256x128x256.csv";
        CliRun r = CliRun.of("check", "tpu-v1", "resnet50", "tpu-array-size", cfg, csv, gemm);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().toList()).hasSize(6);
        assertThat(r.out()).contains("tpu-v1: ok: systolic architecture 'tpu-v1', 65536 PEs")
                .contains("resnet50: ok: workload 'resnet50'")
                .contains("tpu-array-size: ok: sweep ")
                .contains(cfg + ": ok: SCALE-Sim configuration '")
                .contains(", systolic architecture, 256x256 array, 65536 PEs, weight-stationary, CALC bandwidth")
                .contains(csv + ": ok: SCALE-Sim topology, workload 'alexnet', 5 layers, 805118496 MACs at batch 1")
                .contains(gemm + ": ok: SCALE-Sim topology, workload ");
    }

    @Test
    void aBadFileAmongGoodOnesIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.cfg"), "[architecture_presets]\nArrayHeight: many\n");
        CliRun r = CliRun.of("check", "tpu-v1", bad.toString(), "alexnet");
        assertThat(r.status()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith(bad + ":").doesNotContain("Exception");
        // the files before and after it are still checked
        assertThat(r.out()).contains("tpu-v1: ok: ").contains("alexnet: ok: ");
    }
}
