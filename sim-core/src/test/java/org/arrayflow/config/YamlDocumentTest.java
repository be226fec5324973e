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
}
