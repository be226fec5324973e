package org.arrayflow.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code reproduce compression}: the files it writes, and figures that follow from first principles rather
 * than from the model's own numbers.
 */
class CompressionStudyTest {
    @TempDir
    static Path dir;
    static CliRun run;
    static Map<String, Map<String, String>> rows = new HashMap<>();
    static final List<String> CHIPS = List.of("eyeriss-v1", "tpu-v1", "fpga-vc707-zhang15");

    @BeforeAll
    static void runTheStudy() throws IOException {
        run = CliRun.of("reproduce", "compression", "--out", dir.toString());
        List<String> csv = Files.readAllLines(dir.resolve("compression.csv"));
        String[] header = csv.get(0).split(",");
        for (String line : csv.subList(1, csv.size())) {
            // the transforms column is quoted and holds commas: split around it
            String[] head = line.substring(0, line.indexOf('"')).split(",");
            String[] tail = line.substring(line.lastIndexOf('"') + 2).split(",");
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                row.put(header[i], head[i]);
            }
            for (int i = 0; i < tail.length; i++) {
                row.put(header[4 + i], tail[i]);
            }
            rows.put(head[0] + "/" + head[1] + "/" + head[2], row);
        }
    }

    private static double v(String key, String column) {
        return Double.parseDouble(rows.get(key).get(column));
    }

    @Test
    void writesTheTableTheChartsAndTheSummary() {
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(rows).hasSize(CHIPS.size() * 2 * 5);
        for (String a : CHIPS) {
            for (String w : List.of("alexnet", "vgg16")) {
                assertThat(dir.resolve("compression_" + w + "_" + a + ".png")).isRegularFile();
            }
        }
        assertThat(run.out()).contains("## alexnet on tpu-v1").contains("| 2:4 int8 |").contains("Han et al.");
    }

    @Test
    void int8MacsCostWhatHorowitzTableSays() {
        // same MAC count, one MAC per PE per cycle either way: (0.2 + 0.1) / (1.1 + 0.9) pJ
        for (String a : CHIPS) {
            assertThat(v(a + "/alexnet/int8", "energy_mac_j") / v(a + "/alexnet/dense fp16", "energy_mac_j"))
                    .isCloseTo(0.3 / 2.0, within(1e-7)); // the csv has 9 significant digits
        }
    }

    @Test
    void unstructuredPruningBuysNothingOnChipsThatNeitherSkipNorCompressWeightZeros() {
        for (String a : CHIPS) {
            for (String w : List.of("alexnet", "vgg16")) {
                assertThat(rows.get(a + "/" + w + "/pruned int8").get("total_cycles"))
                        .isEqualTo(rows.get(a + "/" + w + "/int8").get("total_cycles"));
                assertThat(rows.get(a + "/" + w + "/pruned int8").get("energy_j"))
                        .isEqualTo(rows.get(a + "/" + w + "/int8").get("energy_j"));
                // ...but the weights it keeps are Han's
                assertThat(v(a + "/" + w + "/pruned int8", "nonzero_weights"))
                        .isLessThan(0.13 * v(a + "/" + w + "/int8", "nonzero_weights"));
            }
        }
    }

    @Test
    void twoFourSkipsHalfTheMatrixMacsOnEveryChip() {
        // every conv and fc of VGG-16 but conv1_1 (3 input channels, no whole group of 4) halves exactly. conv1_1's
        // part group keeps 2 of its 3: along the input channels of each tap (FPGA, Eyeriss) that skips a third of
        // the layer; along the TPU's im2col K = 27 (six groups of 4 and a part group of 3), 6·2 + 1 = 13 of 27.
        double dense = v("tpu-v1/vgg16/2:4 int8", "macs");
        double conv11 = 224.0 * 224 * 64 * 3 * 9;
        assertThat(v("tpu-v1/vgg16/2:4 int8", "macs_skipped")).isEqualTo((dense - conv11) / 2 + conv11 * 13 / 27);
        assertThat(v("fpga-vc707-zhang15/vgg16/2:4 int8", "macs_skipped")).isEqualTo((dense - conv11) / 2 + conv11 / 3);
        // Eyeriss's mapper may give a DRAM-bound layer one channel per PE, where no group of 4 fits a PE (fc6):
        // that mapping is the fastest, and the layer still gains the halved weight bytes
        assertThat(v("eyeriss-v1/vgg16/2:4 int8", "macs_skipped") / dense).isBetween(0.49, 0.5);
        for (String a : CHIPS) {
            // at most twice as fast: the compute halves, DRAM-bound layers gain only the weight bytes
            for (String w : List.of("alexnet", "vgg16")) {
                double speedup = v(a + "/" + w + "/int8", "total_cycles")
                        / v(a + "/" + w + "/2:4 int8", "total_cycles");
                assertThat(speedup).as(a + " " + w).isGreaterThan(1.2).isLessThanOrEqualTo(2.0);
            }
        }
    }
}
