package org.arrayflow.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Positions of keys and list items, as errors report them (line and column from 1). */
class YamlDocumentTest {
    private static final String TEXT = String.join("\n",
            "name: x",                        // 1
            "memory:",                        // 2
            "  dram:",                        // 3
            "    bandwidth: 8",               // 4
            "layers:",                        // 5
            "  - {name: a, type: fc}",        // 6
            "  - name: b",                    // 7
            "    type: conv2d",               // 8
            "grid:",                          // 9
            "  pe_array.rows: [4, 8]",        // 10
            "  pe_array: {cols: 2}",          // 11
            "");

    private static int[] at(String path) {
        ConfigException e = YamlDocument.parse("f.yaml", TEXT).error(path, "p");
        return new int[] {e.line(), e.column()};
    }

    @Test
    void nestedKeysAndListItems() {
        assertThat(at("memory.dram.bandwidth")).containsExactly(4, 5);
        assertThat(at("layers[0]")).containsExactly(6, 5);
        assertThat(at("layers[0].type")).containsExactly(6, 15);
        assertThat(at("layers[1].type")).containsExactly(8, 5);
    }

    @Test
    void aKeyWithDotsIsMatchedWhole() {
        assertThat(at("grid.pe_array.rows")).containsExactly(10, 3);
        assertThat(at("grid.pe_array.rows[1]")).containsExactly(10, 22);
        assertThat(at("grid.pe_array.cols")).containsExactly(11, 14);
    }

    @Test
    void aMissingKeyPointsAtItsNearestParent() {
        assertThat(at("memory.dram.latency")).containsExactly(3, 3);
        assertThat(at("layers[7].name")).containsExactly(5, 1);
        assertThat(at("nothing")).containsExactly(1, 1);
    }

    @Test
    void duplicateKeysAreRejectedWithTheirPosition() {
        assertThatThrownBy(() -> YamlDocument.parse("d.yaml", "a: 1\nb:\n  c: 2\n  c: 3\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("d.yaml:4:3")
                .hasMessageContaining("b.c")
                .hasMessageContaining("duplicate key");
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String text) {
        return YamlDocument.parse("a.yaml", text).root();
    }

    @Test
    void aliasesStandForCopiesOfTheirAnchors() {
        var t = tree(String.join("\n",
                "grid: {pe_array.rows: &sizes [64, 128], pe_array.cols: *sizes}",
                "description: &d systolic-32x32",
                "name: *d",
                "width: &w 64",
                "height: *w",
                "memory: {ifmap_sram: &buf {size_kib: 64, read_energy_pj: 1.5}, filter_sram: *buf}",
                ""));
        assertThat(t.at("/grid/pe_array.cols").toString()).isEqualTo("[64,128]");
        assertThat(t.get("name").asText()).isEqualTo("systolic-32x32");
        assertThat(t.get("height").isIntegralNumber()).isTrue();
        assertThat(t.get("height").asLong()).isEqualTo(64);
        assertThat(t.at("/memory/filter_sram").toString()).isEqualTo("{\"size_kib\":64,\"read_energy_pj\":1.5}");
        // a copy, not the same node: editing one (as a sweep does) leaves the other alone
        assertThat(t.at("/memory/filter_sram")).isNotSameAs(t.at("/memory/ifmap_sram"));
    }

    @Test
    void anErrorInsideAnAliasPointsAtTheAnchoredText() {
        YamlDocument d = YamlDocument.parse("a.yaml", "a: &x {k: 1}\nb: *x\n");
        ConfigException e = d.error("b.k", "p");
        assertThat(new int[] {e.line(), e.column()}).containsExactly(1, 8);
    }

    @Test
    void mergeKeysAddTheBaseAndExplicitKeysWin() {
        var t = tree(String.join("\n",
                "base: &b {size_kib: 64, read_energy_pj: 1.5}",
                "big: {<<: *b, size_kib: 256}",
                "two: {<<: [*b, {write_energy_pj: 2}]}",
                ""));
        assertThat(t.get("big").toString()).isEqualTo("{\"size_kib\":256,\"read_energy_pj\":1.5}");
        assertThat(t.get("two").toString())
                .isEqualTo("{\"size_kib\":64,\"read_energy_pj\":1.5,\"write_energy_pj\":2}");
        assertThatThrownBy(() -> tree("a: {<<: 5}\n")).hasMessageContaining("a.yaml:1:5")
                .hasMessageContaining("merge key << takes a mapping");
        assertThatThrownBy(() -> tree("b: &b {k: 1}\na: {<<: *b, k: 2, k: 3}\n")).hasMessageContaining("duplicate key");
    }

    @Test
    void anUndefinedAliasIsAnErrorAtItsPosition() {
        assertThatThrownBy(() -> tree("name: *d\ndescription: &d x\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("a.yaml:1:7")
                .hasMessageContaining("name")
                .hasMessageContaining("alias *d refers to no anchor &d defined before it");
    }

    @Test
    void anAliasBombStopsAtAFixedSize() {
        StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 9; i++) {
            String prev = "*a" + (i - 1);
            sb.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ",
                    java.util.Collections.nCopies(10, prev))).append("]\n");
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> tree(sb.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("aliases expand to more than 1000000 values");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    }

    @Test
    void overlongLinesAndFilesAreRefusedBeforeParsing() {
        String longLine = "name: " + "x".repeat(YamlDocument.MAX_LINE) + "\n";
        assertThatThrownBy(() -> tree("a: 1\n" + longLine))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("a.yaml:2:")
                .hasMessageContaining("line 2 has 100,006 characters; at most 100,000 are read on one line");
        String big = "# " + "x".repeat(70) + "\n";
        String huge = big.repeat(YamlDocument.MAX_CHARACTERS / big.length() + 1);
        assertThatThrownBy(() -> tree(huge))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("characters; at most 16,777,216 are read");
    }

    @Test
    void commentsOnlyDeepNestingAndSyntaxErrorsAreNamedWhereTheyAre() {
        assertThatThrownBy(() -> tree("# a comment\n\n# another\n"))
                .hasMessage("a.yaml: the file has only comments or blank lines, no YAML content");
        assertThatThrownBy(() -> tree("  \n")).hasMessage("a.yaml: the file is empty");
        String deep = "deep: " + "[".repeat(1200) + "]".repeat(1200) + "\n";
        assertThatThrownBy(() -> tree(deep))
                .hasMessageStartingWith("a.yaml:1:")
                .hasMessageEndingWith("malformed YAML: nested more than 1000 levels deep")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
        // the tab is on line 3, column 1 (the parser's own location is the end of line 2)
        assertThatThrownBy(() -> tree("a: 1\nb:\n\tc: 2\n")).hasMessageStartingWith("a.yaml:3:1: ");
    }

    @Test
    void unknownKeysGetTheNearestKeyOrTheList() {
        assertThat(SchemaCheck.unknownKey("clock_mhx", java.util.List.of("name", "clock_mhz"))).isEqualTo(
                "unknown key; did you mean 'clock_mhz'?");
        assertThat(SchemaCheck.unknownKey("strides", java.util.List.of("kernel", "stride"))).isEqualTo(
                "unknown key; did you mean 'stride'?");
        assertThat(SchemaCheck.unknownKey("clour", java.util.List.of("rows", "cols"))).isEqualTo(
                "unknown key (allowed here: rows, cols)");
        assertThat(EditDistance.between("ab", "ba")).isEqualTo(1);
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
    }

    /** The parser quotes the character it found; a line break there is written as an escape (found by the fuzzer). */
    @Test
    void aSyntaxErrorQuotingALineBreakStaysOneLine() {
        assertThatThrownBy(() -> YamlDocument.parse("b.yaml", "a: &x 1\nb: [*x, *\n]\n"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("\n")
                        .contains("found \\n(10)"));
    }
}
