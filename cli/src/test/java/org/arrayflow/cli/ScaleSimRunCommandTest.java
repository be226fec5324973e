package org.arrayflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScaleSimRunCommandTest {
    private static final Path CASES = Path.of("..", "validation", "scalesim");

    private static int run(String... args) {
        return Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }

    @Test
    void alexnetConv1ComputeReportMatchesScaleSimGoldenRow(@TempDir Path out) throws Exception {
        int status = run("run", "--arch", CASES.resolve("scale_calc_ws.cfg").toString(), "--workload",
                CASES.resolve("alexnet_conv1.csv").toString(), "--report-format", "scalesim", "--no-charts",
                "--out", out.toString());
        assertThat(status).isZero();
        List<String> compute = Files.readAllLines(out.resolve("COMPUTE_REPORT.csv"));
        // SCALE-Sim v2 test/golden_trace/COMPUTE_REPORT.csv, byte for byte.
        assertThat(compute.get(1)).isEqualTo("0, 112283, 0, 91.68309650614964, 94.53125, 90.78000992063485,");
        assertThat(out.resolve("BANDWIDTH_REPORT.csv")).exists();
        assertThat(out.resolve("DETAILED_ACCESS_REPORT.csv")).exists();
        assertThat(out.resolve("layers.csv")).exists();
    }

    @Test
    void gemmTopologyAndBadCombinationsAreInputErrors(@TempDir Path out) {
        assertThat(run("run", "--arch", CASES.resolve("scale_user_bw10_os.cfg").toString(), "--workload",
                CASES.resolve("gemm_256x128x256.csv").toString(), "--workload-format", "gemm", "--no-charts",
                "--out", out.toString())).isZero();
        assertThat(out.resolve("COMPUTE_REPORT.csv")).doesNotExist();
        assertThat(run("run", "--arch", "systolic-32x32", "--workload", "alexnet", "--report-format", "scalesim",
                "--out", out.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(run("run", "--arch", CASES.resolve("scale_calc_ws.cfg").toString(), "--workload", "alexnet",
                "--out", out.toString())).isEqualTo(Main.BAD_INPUT);
    }

    @Test
    void rooflineWritesPngSvgAndCsv(@TempDir Path out) throws Exception {
        assertThat(run("roofline", "--arch", "tpu-v1", "--workload", "tpu/mlp1", "--out", out.toString())).isZero();
        assertThat(Files.size(out.resolve("roofline.png"))).isPositive();
        assertThat(Files.readString(out.resolve("roofline.svg"))).contains("<svg");
        assertThat(Files.readAllLines(out.resolve("roofline.csv")).get(1)).startsWith("tpu-mlp1,");
    }
}
