package org.arrayflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** CI's run of the validation suite: every case under validation/ must pass. */
class ValidateCommandTest {
    @Test
    void allValidationCasesPass(@TempDir Path tmp) throws Exception {
        Path dir = Path.of("..", "validation");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path csv = tmp.resolve("validation.csv");
        int status = Main.execute(new String[] {"validate", dir.toString(), "--csv", csv.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(status).as(out + "\n" + err).isZero();
        assertThat(out.toString()).doesNotContain("FAIL").contains(" 0 failed");
        assertThat(Files.readAllLines(csv).get(0))
                .isEqualTo("case,layer,metric,expected,simulated,error_pct,tolerance_pct,pass,result,source");
    }

    @Test
    void failingFigureAndUnknownMetricGiveNonZeroExit(@TempDir Path tmp) throws Exception {
        Files.copy(Path.of("..", "validation", "systolic", "array-8x8.yaml"), tmp.resolve("array-8x8.yaml"));
        Files.copy(Path.of("..", "validation", "systolic", "gemm-16x16x8.yaml"), tmp.resolve("gemm-16x16x8.yaml"));
        String head = "format: arrayflow-validation/1\nname: x\nsource: test\narch: array-8x8.yaml\n"
                + "workload: gemm-16x16x8.yaml\nexpect:\n";
        // WS takes 76 compute cycles (see validation/systolic/folds_ws.yaml); 70 is off by 7.9 %.
        Files.writeString(tmp.resolve("wrong.yaml"), head
                + "  - {layer: g, metric: compute_cycles, value: 70, tolerance_pct: 1}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[] {"validate", tmp.toString(), "--csv", tmp.resolve("v.csv").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL");

        Files.delete(tmp.resolve("wrong.yaml"));
        Files.writeString(tmp.resolve("bad.yaml"), head + "  - {layer: g, metric: flops, value: 1, tolerance_pct: 1}\n");
        err = new StringWriter();
        status = Main.execute(new String[] {"validate", tmp.toString(), "--csv", tmp.resolve("v.csv").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("unknown metric 'flops'");
    }
}
