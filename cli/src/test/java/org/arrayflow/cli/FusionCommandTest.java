package org.arrayflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FusionCommandTest {
    @TempDir
    Path tmp;

    private int run(StringWriter out, StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void printsGroupTableAndWritesChart() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = run(out, err, "fusion", "--arch", "fpga-fused-vgg", "--workload", "vgg19", "--fuse",
                "conv1_1..conv3_1", "--fusion-strategy", "recompute", "--tile", "8", "--chart-depth", "7",
                "--out", tmp.toString());
        assertThat(rc).as(err.toString()).isZero();
        assertThat(out.toString()).contains("conv1_1..conv3_1").contains("8x8").contains("fc8");
        assertThat(Files.size(tmp.resolve("fusion_depth.png"))).isPositive();
        assertThat(Files.readString(tmp.resolve("fusion_depth.svg"))).contains("<svg");
    }

    @Test
    void groupThatCannotFitIsABadInputWithTheBudgetItNeeds() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = run(out, err, "fusion", "--arch", "fpga-fused-vgg", "--workload", "vgg19", "--fuse",
                "conv1_1..pool5", "--budget-kib", "512", "--no-charts");
        assertThat(rc).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("smallest budget that works is");
    }

    @Test
    void fusionNeedsATiledFusionArchitecture() {
        StringWriter err = new StringWriter();
        int rc = run(new StringWriter(), err, "fusion", "--arch", "systolic-32x32", "--workload", "alexnet",
                "--fuse", "conv1..conv2", "--no-charts");
        assertThat(rc).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("tiled-fusion");
    }
}
