package org.arrayflow.cli;

import org.arrayflow.io.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

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
    void writesTheTableAsFusionCsvEvenWithoutCharts() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path dir = tmp.resolve("csv");
        int rc = run(out, err, "fusion", "--arch", "fpga-fused-vgg", "--workload", "vgg19", "--fuse",
                "conv1_1..conv3_1", "--fusion-strategy", "reuse", "--tile", "8", "--no-charts", "--out", dir.toString());
        assertThat(rc).as(err.toString()).isZero();
        assertThat(dir.resolve("fusion_depth.png")).doesNotExist();
        List<String> csv = Files.readAllLines(dir.resolve("fusion.csv"));
        assertThat(csv.get(0)).isEqualTo("group,fused,strategy,tile,pyramids,dram_bytes,feature_dram_bytes,"
                + "unfused_feature_bytes,storage_bytes,extra_macs,cycles");
        // one CSV row per table row: the table's rows are the lines between its header and "total:"
        List<String> console = out.toString().lines().toList();
        int header = console.indexOf(console.stream().filter(l -> l.startsWith("group/layer")).findFirst().orElseThrow());
        int total = console.indexOf(console.stream().filter(l -> l.startsWith("total:")).findFirst().orElseThrow());
        List<String> table = console.subList(header + 1, total);
        assertThat(csv).hasSize(table.size() + 1);
        for (int i = 0; i < table.size(); i++) {
            String[] printed = table.get(i).trim().split(" +");
            List<String> cells = Csv.split(csv.get(i + 1));
            assertThat(cells).hasSize(11);
            assertThat(cells.get(0)).isEqualTo(printed[0]);
            boolean fused = cells.get(1).equals("true");
            assertThat(cells.get(2)).isEqualTo(fused ? printed[1] : "");
            assertThat(cells.get(3)).isEqualTo(fused ? printed[2] : "");
            assertThat(cells.get(4)).isEqualTo(fused ? printed[3] : "");
            // the CSV in whole bytes, the table in MB (10^6 bytes) and, for storage, KiB
            assertThat(String.format(Locale.ROOT, "%.3f", Long.parseLong(cells.get(5)) / 1e6)).isEqualTo(printed[4]);
            assertThat(String.format(Locale.ROOT, "%.3f", Long.parseLong(cells.get(6)) / 1e6)).isEqualTo(printed[5]);
            assertThat(cells.get(7).isEmpty() ? "-" : String.format(Locale.ROOT, "%.3f", Long.parseLong(cells.get(7)) / 1e6))
                    .isEqualTo(printed[6]);
            assertThat(cells.get(8).isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", Long.parseLong(cells.get(8)) / 1024.0))
                    .isEqualTo(printed[7]);
            assertThat(cells.get(9)).isEqualTo(printed[8]);
            assertThat(cells.get(10)).isEqualTo(printed[9]);
        }
        assertThat(csv.get(1)).startsWith("conv1_1..conv3_1,true,reuse,8x8,");
        assertThat(csv.get(csv.size() - 1)).startsWith("fc8,false,,,,");
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
