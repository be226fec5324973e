package org.arrayflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReproduceCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void writesCsvChartAndSummary() throws Exception {
        StringWriter out = new StringWriter();
        int rc = run(out, new StringWriter(), "reproduce", "eyeriss-isca16", "--out", dir.toString(), "--batch", "1");
        assertThat(rc).isEqualTo(0);
        List<String> csv = Files.readAllLines(dir.resolve("comparison.csv"));
        // Header + 8 layers x 6 dataflows.
        assertThat(csv).hasSize(1 + 8 * 6);
        assertThat(csv.get(0)).startsWith("batch,layer,dataflow,");
        assertThat(dir.resolve("energy_per_op_batch1.png")).exists();
        assertThat(dir.resolve("energy_per_op_batch1.svg")).exists();
        assertThat(dir.resolve("dram_per_op_batch1.png")).exists();
        String summary = Files.readString(dir.resolve("summary.md"));
        assertThat(summary).contains("## Claims").contains("RS lowest on every CONV layer").contains("Sensitivity");
        assertThat(out.toString()).contains("wrote ");
    }

    @Test
    void unknownTargetIsAnInputError() {
        StringWriter err = new StringWriter();
        int rc = run(new StringWriter(), err, "reproduce", "nope", "--out", dir.toString());
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("unknown reproduction target");
    }
}
