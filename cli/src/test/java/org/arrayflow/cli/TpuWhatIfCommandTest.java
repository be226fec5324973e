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

/**
 * {@code reproduce tpu-whatif}: the files it writes, and what follows from first principles. MLP0 is bound by its
 * weight stream (20 M weights at 34 GB/s against 66,550 cycles of compute), so its time follows the bandwidth and
 * not the clock; more bandwidth never slows any application.
 */
class TpuWhatIfCommandTest {
    @TempDir
    static Path dir;
    static CliRun run;
    static Map<String, Map<String, String>> rows = new HashMap<>();

    @BeforeAll
    static void runTheStudy() throws IOException {
        run = CliRun.of("reproduce", "tpu-whatif", "--out", dir.toString());
        List<String> csv = Files.readAllLines(dir.resolve("whatif.csv"));
        String[] header = csv.get(0).split(",");
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], f[i]);
            }
            rows.put(f[0], row);
        }
    }

    private static double v(String design, String column) {
        return Double.parseDouble(rows.get(design).get(column));
    }

    @Test
    void writesTheTableTheChartsAndTheSummary() {
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(rows).hasSize(5 * 4 + 3).containsKeys("memory x4", "matrix+ x0.25", "gddr5 + clock x1.5");
        for (String chart : List.of("figure11", "tpu_prime")) {
            assertThat(dir.resolve(chart + ".png")).isRegularFile();
            assertThat(dir.resolve(chart + ".svg")).isRegularFile();
        }
        assertThat(run.out()).contains("## Figure 11: weighted mean speed-up").contains("| gddr5 |")
                .contains("600 x 600");
    }

    @Test
    void aWeightBoundAppFollowsTheBandwidthNotTheClock() {
        assertThat(v("memory x0.25", "mlp0_speedup")).isBetween(0.25, 0.3);
        assertThat(v("memory x4", "mlp0_speedup")).isBetween(3.0, 4.0);
        assertThat(v("clock x4", "mlp0_speedup")).isBetween(0.95, 1.05);
    }

    @Test
    void moreBandwidthNeverSlowsAnApplication() {
        for (String app : List.of("mlp0", "mlp1", "lstm0", "lstm1", "cnn0", "cnn1")) {
            double last = 0;
            for (String d : List.of("memory x0.25", "memory x0.5", "memory x2", "memory x4")) {
                double s = v(d, app + "_speedup");
                assertThat(s).as(app + " at " + d).isGreaterThanOrEqualTo(last);
                last = s;
            }
        }
    }

    @Test
    void onlyTheStudyTakesAnArch() {
        CliRun r = CliRun.of("reproduce", "compression", "--arch", "tpu-v1", "--out", dir.resolve("x").toString());
        assertThat(r.status()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("--arch is for tpu-whatif");
        CliRun eyeriss = CliRun.of("reproduce", "tpu-whatif", "--arch", "eyeriss-v1", "--out", dir.resolve("y").toString());
        assertThat(eyeriss.status()).isEqualTo(Main.BAD_INPUT);
        assertThat(eyeriss.err()).contains("needs a systolic architecture");
    }
}
