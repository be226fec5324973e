package org.arrayflow.cli;

import org.arrayflow.config.Bundled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shapes, counts and word widths past what the simulator can count, as a user meets them on the command line:
 * exit status 2, one line on stderr naming the file and position (or the option) and what is wrong, nothing
 * written (issue 19, items 6, 7 and 13).
 */
class ShapeLimitsCommandTest {
    @TempDir
    Path dir;

    private static final String WL_HEAD = """
            format: arrayflow-workload/1
            name: w
            input: {channels: 3, height: 8, width: 8}
            layers:
            """;

    /** The 1-based line of the first line of {@code text} that starts with {@code prefix}. */
    private static int lineOf(String text, String prefix) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }

    @Test
    void dimensionsPastAnIntAreRefusedByTheSchema() throws IOException {
        // outputs: 4294967306 = 2^32 + 10 used to be counted in full while the next layer saw 10 inputs
        Path f = Files.writeString(dir.resolve("fc.yaml"), WL_HEAD + """
                  - {name: fc1, type: fc, outputs: 4294967306}
                  - {name: fc2, type: fc, outputs: 10}
                """);
        // line 5 "  - {name: fc1, type: fc, outputs: ...": 'outputs' at column 27
        CliRun.runOn32x32(f, dir.resolve("o")).assertOneLine(f + ":5:27: layers[0].outputs: ", "must be at most 2147483647, found 4294967306");
        CliRun.of("check", f.toString()).assertOneLine(f + ":5:27: layers[0].outputs: ", "must be at most 2147483647");
        Path g = Files.writeString(dir.resolve("gemm.yaml"), WL_HEAD + """
                  - {name: g1, type: gemm, m: 4294967297, n: 4, k: 4}
                """);
        CliRun.of("check", g.toString()).assertOneLine(g + ":5:28: layers[0].m: ", "must be at most 2147483647, found 4294967297");
        assertThat(Files.exists(dir.resolve("o"))).as("nothing written for bad input").isFalse();
    }

    @Test
    void wordsWiderThan64BitsAreRefused() throws IOException {
        // the tiled kind counted word_bits: 2147483647 into nonsense bytes (or failed with an internal error)
        String text = Bundled.resolve(Bundled.ARCH, "fpga-vc707-zhang15").text()
                .replace("word_bits: 32", "word_bits: 2147483647");
        Path a = Files.writeString(dir.resolve("wide.yaml"), text);
        CliRun r = CliRun.of("run", "--arch", a.toString(), "--workload", "alexnet", "--out", dir.resolve("o").toString());
        r.assertOneLine(a + ":" + lineOf(text, "word_bits:") + ":1: word_bits: ", "must be at most 64, found 2147483647");
        CliRun.of("check", a.toString()).assertOneLine(a + ":" + lineOf(text, "word_bits:") + ":1: word_bits: ",
                "must be at most 64");
        assertThat(Files.exists(dir.resolve("o"))).isFalse();
    }

    @Test
    void countsPastALongNameTheLayer() throws IOException {
        // 3,000,000 cubed = 2.7e19 MACs used to be reported as 8,553,255,926,290,448,384 (wrapped)
        Path f = Files.writeString(dir.resolve("gemm.yaml"), WL_HEAD + """
                  - {name: g1, type: gemm, m: 3000000, n: 3000000, k: 3000000}
                """);
        String problem = "layer 'g1': 2.7e19 MACs exceed what can be counted (at most 9.2e18)";
        CliRun.of("check", f.toString()).assertOneLine(f + ":5:5: layers[0]: ", problem);
        CliRun.runOn32x32(f, dir.resolve("o")).assertOneLine(f + ":5:5: layers[0]: ", problem);
        assertThat(Files.exists(dir.resolve("o"))).isFalse();
    }

    @Test
    void aBatchThatOverflowsHeadsTimesImagesNamesTheLayer() {
        // bert-base's first scores matmul: 12 heads x 178,956,971 images = 2,147,483,652 products, past an int
        // (this used to read "GEMM dimensions must be positive: 128x64x128 x-2147483644")
        CliRun r = CliRun.of("run", "--arch", "systolic-32x32", "--workload", "bert-base", "--batch", "178956971", "--out",
                dir.resolve("o").toString());
        r.assertOneLine("workloads/bert-base.yaml:", "layers[3]: layer 'l0_scores': 12 heads x batch 178956971 = "
                + "2147483652 products exceed the 2147483647 that can be counted");
        assertThat(Files.exists(dir.resolve("o"))).isFalse();
    }

    @Test
    void theBatchOptionIsBounded() {
        // --batch 3000000000 used to fail picocli's int parse with the usage; -1 did too (fusion ignored it)
        String o = dir.resolve("o").toString();
        CliRun.of("run", "--arch", "systolic-32x32", "--workload", "alexnet", "--batch", "3000000000", "--out", o).assertOneLine(
                "arrayflow run: --batch must be at most 2147483647, found 3000000000");
        CliRun.of("run", "--arch", "systolic-32x32", "--workload", "alexnet", "--batch", "-1", "--out", o).assertOneLine(
                "arrayflow run: --batch must be at least 1, found -1");
        CliRun.of("compare", "--arch", "systolic-32x32", "--workload", "alexnet", "--batch", "2147483648",
                "--out", o).assertOneLine("arrayflow compare: --batch must be at most 2147483647, found 2147483648");
        CliRun.of("fusion", "--arch", "fpga-fused-vgg", "--workload", "vgg16", "--batch", "-5", "--out", o).assertOneLine(
                "arrayflow fusion: --batch must be at least 1, found -5");
        assertThat(Files.exists(dir.resolve("o"))).isFalse();
    }

    @Test
    void paddingOfTheWholeKernelIsRefusedWhereItIsWritten() throws IOException {
        // padding: 65536 on a 3x3 convolution used to give a 131,102 x 131,102 output of mostly padding
        Path f = Files.writeString(dir.resolve("pad.yaml"), WL_HEAD + """
                  - name: c1
                    type: conv2d
                    filters: 4
                    kernel: 3
                    padding: 65536
                """);
        CliRun.runOn32x32(f, dir.resolve("o")).assertOneLine(f + ":9:5: layers[0].padding: ",
                "layer 'c1': padding 65536 must be smaller than the 3x3 kernel, or outputs at the border see only padding");
        // a pool's pair, and dilation widening a convolution's reach: 3x3 at dilation 2 spans 5
        Path p = Files.writeString(dir.resolve("pool.yaml"), WL_HEAD + """
                  - {name: c1, type: conv2d, filters: 4, kernel: 3, dilation: 2, padding: 4}
                  - {name: p1, type: maxpool, kernel: 2, padding: [1, 2]}
                """);
        // line 6 "  - {name: p1, type: maxpool, kernel: 2, padding: [1, 2]}": 'padding' at column 42
        CliRun.of("check", p.toString()).assertOneLine(p + ":6:42: layers[1].padding: ",
                "layer 'p1': padding 1,2 must be smaller than the 2x2 kernel");
        assertThat(Files.exists(dir.resolve("o"))).isFalse();
    }

    @Test
    void wordsNarrowerThanAByteAreRefused() throws IOException {
        // word_bits: 1 used to run with the cycles and DRAM bytes of 8-bit words but 8 times the ofmap SRAM energy
        String systolic = Bundled.resolve(Bundled.ARCH, "systolic-32x32").text().replace("word_bits: 8", "word_bits: 1");
        Path a = Files.writeString(dir.resolve("narrow.yaml"), systolic);
        String head = a + ":" + lineOf(systolic, "word_bits:") + ":1: word_bits: ";
        String[] words = {"must be at least 8, found 1", "whole bytes", "int4", "per-tensor datatypes"};
        CliRun.of("run", "--arch", a.toString(), "--workload", "alexnet", "--out", dir.resolve("o").toString()).assertOneLine(
                head, words);
        CliRun.of("check", a.toString()).assertOneLine(head, words);
        // every kind: the tiled preset at 4 bits
        String tiled = Bundled.resolve(Bundled.ARCH, "fpga-vc707-zhang15").text().replace("word_bits: 32", "word_bits: 4");
        Path t = Files.writeString(dir.resolve("tiled.yaml"), tiled);
        CliRun.of("check", t.toString()).assertOneLine(t + ":" + lineOf(tiled, "word_bits:") + ":1: word_bits: ",
                "must be at least 8, found 4");
        assertThat(Files.exists(dir.resolve("o"))).isFalse();
    }
}
