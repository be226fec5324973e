package org.arrayflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input, run in-process through {@link Main#execute}: exit status 2 and exactly one line on stderr,
 * {@code file:line:col: key.path: problem}, with the line, column and key path of the offending key
 * (positions counted by hand in the texts below; columns are 1-based).
 */
class BadInputTest {
    @TempDir
    Path dir;

    private static final String ARCH = """
            format: arrayflow-arch/1
            name: x
            type: systolic
            clock_mhz: 1000
            word_bits: 8
            dataflow: weight-stationary
            pe_array: {rows: 4, cols: 4}
            memory:
              ifmap_sram: {size_kib: 64}
              filter_sram: {size_kib: 64}
              ofmap_sram: {size_kib: 64}
              dram: {bandwidth_gb_s: 10}
            """;

    private static final String WL_HEAD = """
            format: arrayflow-workload/1
            name: w
            input: {channels: 3, height: 8, width: 8}
            layers:
            """;

    static Stream<Arguments> archCases() {
        return Stream.of(
                // line 7 "pe_array: {rows: 4, cols: 4, colour: red}": 'colour' starts at column 30
                Arguments.of("unknown key", ARCH.replace("cols: 4}", "cols: 4, colour: red}"), 7, 30,
                        "pe_array.colour", "unknown key (allowed here: rows, cols, accumulator_bits, stationary_tiles, whole_weight_tiles)"),
                // a misspelt required key: reported where it is, with the key meant, not as the key missing
                Arguments.of("misspelt required key", ARCH.replace("clock_mhz: 1000", "clock_mhx: 1000"), 4, 1,
                        "clock_mhx", "unknown key; did you mean 'clock_mhz'?"),
                Arguments.of("misspelt nested key", ARCH.replace("rows: 4", "rowz: 4"), 7, 12, "pe_array.rowz",
                        "unknown key; did you mean 'rows'?"),
                // a tab on line 9 is reported there, not at the end of line 8
                Arguments.of("tab", ARCH.replace("  ifmap_sram", "\tifmap_sram"), 9, 1, "memory",
                        "malformed YAML: found character '\\t(TAB)' that cannot start any token"),
                // "   pe_array: ..." indented 3 under a line that opens no block: said at the indent
                Arguments.of("bad indent", ARCH.replace("pe_array:", "   pe_array:"), 7, 4, "",
                        "malformed YAML: bad indentation: this line is indented 3 spaces, deeper than line 6 (0)"),
                Arguments.of("wrong type", ARCH.replace("word_bits: 8", "word_bits: eight"), 5, 1, "word_bits",
                        "wrong type: found string, expected integer"),
                // line 10 "  filter_sram: {size_kib: -4}": 'size_kib' starts at column 17
                Arguments.of("negative size", ARCH.replace("filter_sram: {size_kib: 64}", "filter_sram: {size_kib: -4}"),
                        10, 17, "memory.filter_sram.size_kib", "must be greater than 0, found -4"),
                // a missing top-level key is reported at the start of the document
                Arguments.of("missing key", ARCH.replace("clock_mhz: 1000\n", ""), 1, 1, "clock_mhz",
                        "missing required key"),
                Arguments.of("nested missing key", ARCH.replace("dram: {bandwidth_gb_s: 10}", "dram: {latency_cycles: 10}"),
                        12, 3, "memory.dram.bandwidth_gb_s", "missing required key"),
                // unclosed '{' on line 11: found at the ':' of "dram:" on line 12 (column 7), inside ofmap_sram
                Arguments.of("malformed", ARCH.replace("ofmap_sram: {size_kib: 64}", "ofmap_sram: {size_kib: 64"), 12,
                        7, "memory.ofmap_sram", "malformed YAML"),
                Arguments.of("bad enum", ARCH.replace("weight-stationary", "row-stationary"), 6, 1, "dataflow",
                        "must be one of"),
                // semantic: two buffers claim the weights; reported at the second holder (line 10, column 3)
                Arguments.of("two holders", ARCH.replace("ifmap_sram: {size_kib: 64}",
                        "ifmap_sram: {size_kib: 64, holds: [ifmap, weight]}"), 10, 3, "memory.filter_sram",
                        "held by both"),
                // 0.0001 KiB rounds to 0 bytes: line 9 "  ifmap_sram: {size_kib: 0.0001}", 'size_kib' at column 16
                Arguments.of("size below a byte", ARCH.replace("ifmap_sram: {size_kib: 64}", "ifmap_sram: {size_kib: 0.0001}"),
                        9, 16, "memory.ifmap_sram.size_kib", "less than one byte"),
                // line 9 "  IfmapSram: ...": the bad name itself, column 3
                Arguments.of("bad buffer name", ARCH.replace("ifmap_sram:", "IfmapSram:"), 9, 3, "memory.IfmapSram",
                        "invalid name 'IfmapSram': must match ^[a-z][a-z0-9_]*$"),
                Arguments.of("narrow accumulators", ARCH.replace("cols: 4}", "cols: 4, accumulator_bits: 4}"), 7, 30,
                        "pe_array.accumulator_bits", "narrower than words"));
    }

    static Stream<Arguments> workloadCases() {
        return Stream.of(
                // "  - {name: s, type: add, inputs: [a, b]}": 'inputs' at column 26 of line 7
                Arguments.of("add of two shapes", WL_HEAD + """
                          - {name: a, type: conv2d, filters: 4, kernel: 3}
                          - {name: b, type: conv2d, input: input, filters: 4, kernel: 1}
                          - {name: s, type: add, inputs: [a, b]}
                        """, 7, 26, "layers[2].inputs", "shapes differ"),
                // "  - {name: b, type: conv2d, input: nothere, ...": 'input' at column 29 of line 6
                Arguments.of("unknown input", WL_HEAD + """
                          - {name: a, type: conv2d, filters: 4, kernel: 3}
                          - {name: b, type: conv2d, input: nothere, filters: 4, kernel: 1}
                        """, 6, 29, "layers[1].input", "reads 'nothere', which is not an earlier layer"),
                Arguments.of("unknown layer key", WL_HEAD + """
                          - {name: a, type: conv2d, filters: 4, kernel: 3, strides: 2}
                        """, 5, 52, "layers[0].strides", "unknown key; did you mean 'stride'?"),
                Arguments.of("wrong type", WL_HEAD + """
                          - name: a
                            type: conv2d
                            filters: four
                            kernel: 3
                        """, 7, 5, "layers[0].filters", "wrong type: found string, expected integer"),
                // padding is an integer or a pair: the bound is the useful complaint, not "expected array"
                Arguments.of("negative padding", WL_HEAD + """
                          - name: a
                            type: conv2d
                            filters: 4
                            kernel: 3
                            padding: -1
                        """, 9, 5, "layers[0].padding", "must be at least 0, found -1"),
                Arguments.of("missing field", WL_HEAD + """
                          - name: a
                            type: conv2d
                            kernel: 3
                        """, 5, 5, "layers[0].filters", "missing required key"),
                Arguments.of("kernel triple", WL_HEAD + """
                          - {name: a, type: conv2d, filters: 4, kernel: [3, 3, 3]}
                        """, 5, 41, "layers[0].kernel", "must have at most 2 items, found 3"),
                Arguments.of("groups word", WL_HEAD + """
                          - {name: a, type: conv2d, filters: 4, kernel: 3, groups: many}
                        """, 5, 52, "layers[0].groups", "must be integer or \"depthwise\", found \"many\""),
                Arguments.of("groups not dividing", WL_HEAD + """
                          - {name: a, type: conv2d, filters: 4, kernel: 3, groups: 2}
                        """, 5, 52, "layers[0].groups", "3 input channels are not divisible by 2 groups"),
                Arguments.of("kernel too big", WL_HEAD + """
                          - {name: a, type: conv2d, filters: 4, kernel: 9}
                        """, 5, 41, "layers[0].kernel", "does not fit the 8x8 input"),
                Arguments.of("duplicate name", WL_HEAD + """
                          - {name: a, type: conv2d, filters: 4, kernel: 3}
                          - {name: a, type: conv2d, filters: 4, kernel: 3}
                        """, 6, 6, "layers[1].name", "used twice"),
                Arguments.of("no layers", WL_HEAD.replace("layers:\n", "layers: []\n"), 4, 1, "layers",
                        "must have at least 1 item, found 0"),
                Arguments.of("batch zero", WL_HEAD.replace("name: w\n", "name: w\nbatch: 0\n") + """
                          - {name: a, type: conv2d, filters: 4, kernel: 3}
                        """, 3, 1, "batch", "must be at least 1, found 0"),
                Arguments.of("duplicate key", WL_HEAD + """
                          - {name: a, type: conv2d, filters: 4, kernel: 3, kernel: 5}
                        """, 5, 52, "layers[0].kernel", "duplicate key"));
    }

    private void assertOneLine(CliRun r, String file, int line, int col, String keyPath, String problem) {
        assertThat(r.status()).as(r.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        String expectedHead = file + ":" + line + ":" + col + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ");
        assertThat(r.err()).startsWith(expectedHead).contains(problem).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "arch: {0}")
    @MethodSource("archCases")
    void badArchitecture(String name, String text, int line, int col, String keyPath, String problem) throws IOException {
        Path f = Files.writeString(dir.resolve("arch.yaml"), text);
        CliRun r = CliRun.of("run", "--arch", f.toString(), "--workload", "alexnet", "--out", dir.resolve("o").toString());
        assertOneLine(r, f.toString(), line, col, keyPath, problem);
        // check reports the same line
        CliRun c = CliRun.of("check", f.toString());
        assertOneLine(c, f.toString(), line, col, keyPath, problem);
    }

    @ParameterizedTest(name = "workload: {0}")
    @MethodSource("workloadCases")
    void badWorkload(String name, String text, int line, int col, String keyPath, String problem) throws IOException {
        Path f = Files.writeString(dir.resolve("workload.yaml"), text);
        CliRun r = CliRun.of("run", "--arch", "systolic-32x32", "--workload", f.toString(), "--out",
                dir.resolve("o").toString());
        assertOneLine(r, f.toString(), line, col, keyPath, problem);
        assertThat(Files.exists(dir.resolve("o"))).as("nothing written for bad input").isFalse();
    }

    @Test
    void unknownBundledName() {
        CliRun r = CliRun.of("run", "--arch", "tpu-v9", "--workload", "alexnet", "--out", dir.resolve("o").toString());
        assertThat(r.status()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("tpu-v9: no such file, and no bundled architecture of that name")
                .contains("tpu-v1");
        CliRun w = CliRun.of("check", "resnet51");
        assertThat(w.status()).isEqualTo(Main.BAD_INPUT);
        assertThat(w.err().lines().toList()).hasSize(1);
        assertThat(w.err()).startsWith("resnet51: no such file");
    }

    @Test
    void emptyFile() throws IOException {
        Path f = Files.writeString(dir.resolve("empty.yaml"), "# nothing\n");
        CliRun r = CliRun.of("check", f.toString());
        assertThat(r.status()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith(f + ": ").contains("empty");
    }

    @Test
    void binaryNonUtf8AndOverlongFilesSayWhy() throws IOException {
        Path bin = Files.write(dir.resolve("binary.yaml"), new byte[] {'a', ':', ' ', 0, 1, 2});
        CliRun b = CliRun.of("check", bin.toString());
        assertThat(b.status()).isEqualTo(Main.BAD_INPUT);
        assertThat(b.err().strip()).isEqualTo(bin + ": not a text file (a NUL byte at offset 3)");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun l = CliRun.of("run", "--arch", latin1.toString(), "--workload", "alexnet", "--out", dir.resolve("o").toString());
        assertThat(l.status()).isEqualTo(Main.BAD_INPUT);
        assertThat(l.err().strip()).isEqualTo(latin1 + ": not a UTF-8 text file");
        Path longLine = Files.writeString(dir.resolve("long.yaml"), "format: arrayflow-workload/1\nname: "
                + "x".repeat(200_000) + "\n");
        long start = System.nanoTime();
        CliRun g = CliRun.of("check", longLine.toString());
        assertThat(g.status()).isEqualTo(Main.BAD_INPUT);
        assertThat(g.err().strip()).isEqualTo(longLine + ":2:100001: line 2 has 200,006 characters; at most 100,000 "
                + "are read on one line");
        assertThat((System.nanoTime() - start) / 1e9).as("refused before parsing").isLessThan(5);
    }
}
