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
        assertThat(rows).hasSize(2 * 2 * 5);
        for (String chart : List.of("alexnet_eyeriss-v1", "alexnet_tpu-v1", "vgg16_eyeriss-v1", "vgg16_tpu-v1")) {
            assertThat(dir.resolve("compression_" + chart + ".png")).isRegularFile();
        }
        assertThat(run.out()).contains("## alexnet on tpu-v1").contains("| 2:4 int8 |").contains("Han et al.");
    }

    @Test
    void int8MacsCostWhatHorowitzTableSays() {
        // same MAC count, one MAC per PE per cycle either way: (0.2 + 0.1) / (1.1 + 0.9) pJ
        for (String a : List.of("tpu-v1", "eyeriss-v1")) {
            assertThat(v(a + "/alexnet/int8", "energy_mac_j") / v(a + "/alexnet/dense fp16", "energy_mac_j"))
                    .isCloseTo(0.3 / 2.0, within(1e-7)); // the csv has 9 significant digits
        }
    }

    @Test
    void unstructuredPruningBuysNothingOnChipsThatNeitherSkipNorCompressWeightZeros() {
        for (String a : List.of("tpu-v1", "eyeriss-v1")) {
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
    void twoFourSkipsHalfTheMatrixMacsOnTheSparseTpuOnly() {
        // every conv and fc of AlexNet but conv1 (K = 363, not a multiple of 4) halves exactly; MACs stay dense
        double dense = v("tpu-v1/alexnet/2:4 int8", "macs");
        assertThat(v("tpu-v1/alexnet/2:4 int8", "macs_skipped") / dense).isBetween(0.49, 0.5);
        assertThat(v("eyeriss-v1/alexnet/2:4 int8", "macs_skipped")).isZero();
        // at most twice as fast: the compute halves, DRAM-bound layers gain only the weight bytes
        double speedup = v("tpu-v1/alexnet/int8", "total_cycles") / v("tpu-v1/alexnet/2:4 int8", "total_cycles");
        assertThat(speedup).isGreaterThan(1.2).isLessThanOrEqualTo(2.0);
    }
}
