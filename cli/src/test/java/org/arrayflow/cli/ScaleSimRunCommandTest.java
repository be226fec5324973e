package org.arrayflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    void scaleSimStallModelReproducesTheUserGoldenRows(@TempDir Path out) throws Exception {
        assertThat(run("run", "--arch", CASES.resolve("scale_user_bw10_is.cfg").toString(), "--workload",
                CASES.resolve("gemm_256x128x256.csv").toString(), "--report-format", "scalesim", "--stall-model",
                "scalesim", "--no-charts", "--out", out.toString())).isZero();
        // SCALE-Sim v2 test/general/golden_trace_user_is: the COMPUTE row up to Compute Util %, whose last
        // digits depend on the summation order of the mean (docs/scalesim-compat.md), and the DETAILED row
        // byte for byte.
        String compute = Files.readAllLines(out.resolve("COMPUTE_REPORT.csv")).get(1);
        assertThat(compute).startsWith("0, 19984, 5777, 40.99279423538831, 100.0, ");
        assertThat(Double.parseDouble(compute.split(", ")[5].replace(",", "")))
                .isCloseTo(50.59288537549407, org.assertj.core.api.Assertions.within(1e-11));
        assertThat(Files.readAllLines(out.resolve("DETAILED_ACCESS_REPORT.csv")).get(1)).isEqualTo(
                "0, 1.0, 19795.0, 65536, 33.0, 19954.0, 262144, 63.0, 19984.0, 262144, -3277.0, 9833.0, 131080, "
                        + "-3277.0, -1.0, 32770, 1839.0, 26538.0, 262157,");
        // The emulation is for USER configurations and SCALE-Sim inputs only; other values are rejected.
        assertThat(run("run", "--arch", CASES.resolve("scale_calc_ws.cfg").toString(), "--workload",
                CASES.resolve("alexnet_conv1.csv").toString(), "--stall-model", "scalesim", "--no-charts",
                "--out", out.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(run("run", "--arch", CASES.resolve("scale_user_bw10_is.cfg").toString(), "--workload",
                CASES.resolve("gemm_256x128x256.csv").toString(), "--stall-model", "lru", "--no-charts",
                "--out", out.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(run("run", "--arch", "systolic-32x32", "--workload", "alexnet", "--stall-model", "scalesim",
                "--out", out.toString())).isEqualTo(Main.BAD_INPUT);
    }

    @Test
    void rooflineWritesPngSvgAndCsv(@TempDir Path out) throws Exception {
        assertThat(run("roofline", "--arch", "tpu-v1", "--workload", "tpu/mlp1", "--out", out.toString())).isZero();
        assertThat(Files.size(out.resolve("weight_roofline.png"))).isPositive();
        assertThat(Files.readString(out.resolve("weight_roofline.svg"))).contains("<svg");
        assertThat(Files.readAllLines(out.resolve("weight_roofline.csv")).get(1)).startsWith("tpu-mlp1,");
    }

    @Test
    void energyIsSaidToBeNotModelledAndNeverShownAsZero(@TempDir Path out) throws Exception {
        // A .cfg has no energy figures: the run used to print "energy 0.0 uJ" per component and draw an
        // energy chart of zeros
        CliRun r = CliRun.of("run", "--arch", CASES.resolve("google_ws.cfg").toString(),
                "--workload", CASES.resolve("alexnet_conv1.csv").toString(), "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("energy               not modelled: SCALE-Sim configurations carry no energy "
                + "figures").doesNotContain("uJ").doesNotContain("pJ/MAC");
        assertThat(out.resolve("cycles_per_layer.png")).exists();
        assertThat(out.resolve("energy_per_layer.png")).doesNotExist();
        assertThat(out.resolve("energy_by_component.svg")).doesNotExist();
        List<String> layers = Files.readAllLines(out.resolve("layers.csv"));
        List<String> header = List.of(layers.get(0).split(",", -1));
        List<String> row = List.of(layers.get(1).split(",", -1));
        assertThat(header).contains("energy_mac_j", "energy_j");
        assertThat(row.get(header.indexOf("energy_mac_j"))).isEmpty();
        assertThat(row.get(header.indexOf("energy_j"))).isEmpty();
        List<String> sumHeader = List.of(Files.readAllLines(out.resolve("summary.csv")).get(0).split(",", -1));
        List<String> sum = List.of(Files.readAllLines(out.resolve("summary.csv")).get(1).split(",", -1));
        assertThat(sum.get(sumHeader.indexOf("energy_j"))).isEmpty();
        assertThat(sum.get(sumHeader.indexOf("energy_pj_per_mac"))).isEmpty();
        JsonNode totals = new ObjectMapper().readTree(out.resolve("result.json").toFile()).get("totals");
        assertThat(totals.get("energy_j").isNull()).isTrue();
        assertThat(totals.get("energy_not_modelled").asText()).isEqualTo("SCALE-Sim configurations carry no energy "
                + "figures");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<h3>Energy</h3>\n<p>Not modelled: SCALE-Sim configurations carry no energy figures.")
                .doesNotContain("Where the energy figures come from").doesNotContain("chart-energy");
    }
}
