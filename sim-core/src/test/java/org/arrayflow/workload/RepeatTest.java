package org.arrayflow.workload;

import org.arrayflow.config.Bundled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Repeat blocks: what they expand to, and errors in their bodies placed at the body's keys. */
class RepeatTest {
    private static final String HEAD = "format: arrayflow-workload/1\nname: t\ninput: {channels: 4, height: 1, width: 8}\n"
            + "layers:\n";

    @Test
    void bertBaseExpandsToTheTwelveLayersWrittenOut() {
        // the file as it was before the repeat block: each encoder layer's 13 entries written out, l0 reading input
        StringBuilder sb = new StringBuilder("format: arrayflow-workload/1\nname: bert-base\nbatch: 1\n"
                + "input: {channels: 768, height: 1, width: 128}\nlayers:\n");
        for (int i = 0; i < 12; i++) {
            String l = "l" + i + "_";
            String in = i == 0 ? "input" : "l" + (i - 1) + "_ln2";
            for (String qkv : List.of("q", "k", "v")) {
                sb.append("  - {name: ").append(l).append(qkv).append(", type: linear, input: ").append(in)
                        .append(", outputs: 768}\n");
            }
            sb.append("  - {name: ").append(l).append("scores, type: matmul, inputs: [").append(l).append("q, ")
                    .append(l).append("k], heads: 12, transpose_b: true}\n");
            sb.append("  - {name: ").append(l).append("softmax, type: softmax}\n");
            sb.append("  - {name: ").append(l).append("context, type: matmul, inputs: [").append(l).append("softmax, ")
                    .append(l).append("v], heads: 12}\n");
            sb.append("  - {name: ").append(l).append("attn_out, type: linear, outputs: 768}\n");
            sb.append("  - {name: ").append(l).append("add1, type: add, inputs: [").append(l).append("attn_out, ")
                    .append(in).append("]}\n");
            sb.append("  - {name: ").append(l).append("ln1, type: layernorm}\n");
            sb.append("  - {name: ").append(l).append("ffn1, type: linear, outputs: 3072}\n");
            sb.append("  - {name: ").append(l).append("ffn2, type: linear, outputs: 768}\n");
            sb.append("  - {name: ").append(l).append("add2, type: add, inputs: [").append(l).append("ffn2, ")
                    .append(l).append("ln1]}\n");
            sb.append("  - {name: ").append(l).append("ln2, type: layernorm}\n");
        }
        Network written = WorkloadLoader.parse("written.yaml", sb.toString(), 0);
        Network bundled = WorkloadLoader.load("bert-base", 0);
        assertThat(bundled.layers()).hasSize(156).isEqualTo(written.layers());
        assertThat(bundled.macs()).isEqualTo(11_173_625_856L);
        assertThat(Bundled.resolve(Bundled.WORKLOAD, "bert-base").text()).contains("repeat: 12");
    }

    @Test
    void namesCountFromFromAndTheFirstIterationReadsTheBlocksInput() {
        String yaml = HEAD + "  - {name: stem, type: linear, outputs: 4}\n"
                + "  - repeat: 3\n    as: b\n    from: 1\n    layers:\n"
                + "      - {name: \"b{b}_fc\", type: linear, input: \"b{b-1}_add\", outputs: 4}\n"
                + "      - {name: \"b{b}_add\", type: add, inputs: [\"b{b}_fc\", \"b{b-1}_add\"]}\n"
                + "  - {name: head, type: softmax}\n";
        Network n = WorkloadLoader.parse("t.yaml", yaml, 1);
        List<String> names = new ArrayList<>();
        n.layers().forEach(l -> names.add(l.name()));
        assertThat(names).containsExactly("stem", "b1_fc", "b1_add", "b2_fc", "b2_add", "b3_fc", "b3_add", "head");
        // the first iteration's {b-1} is the layer before the block; later ones the previous iteration's
        assertThat(n.layer("b1_fc").inputs()).containsExactly("stem");
        assertThat(n.layer("b1_add").inputs()).containsExactly("b1_fc", "stem");
        assertThat(n.layer("b3_add").inputs()).containsExactly("b3_fc", "b2_add");
        assertThat(n.layer("head").inputs()).containsExactly("b3_add");
        assertThat(n.layers().get(7).index()).isEqualTo(7);
        // an explicit input: the first iteration reads it instead
        Network m = WorkloadLoader.parse("t.yaml", yaml.replace("from: 1\n", "from: 1\n    input: input\n"), 1);
        assertThat(m.layer("b1_fc").inputs()).containsExactly("input");
    }

    @Test
    void errorsInABodyPointAtItsKeysAndSayTheIteration() {
        String block = HEAD + "  - repeat: 2\n    layers:\n"
                + "      - {name: \"x{i}\", type: linear, input: \"x{i-1}\", outputs: 4}\n"
                + "      - {name: \"y{i}\", type: add, inputs: [\"x{i}\", \"y{i-2}\"]}\n";
        assertThatThrownBy(() -> WorkloadLoader.parse("t.yaml", block, 1))
                .hasMessage("t.yaml:8:52: layers[0].layers[1].inputs[1]: '{i-2}' is not a placeholder of this repeat "
                        + "block: a name read may use {i} and {i-1} (repeat iteration i = 0)");
        // a name without {i}: the second iteration repeats it
        assertThatThrownBy(() -> WorkloadLoader.parse("t.yaml", block.replace("\"y{i-2}\"", "\"x{i}\"")
                .replace("\"y{i}\"", "y"), 1))
                .hasMessage("t.yaml:8:10: layers[0].layers[1].name: layer name 'y' is used twice (or is the reserved "
                        + "name 'input') (repeat iteration i = 1)");
        // schema errors inside a body are found at their own line
        assertThatThrownBy(() -> WorkloadLoader.parse("t.yaml", block.replace("outputs: 4", "output: 4"), 1))
                .hasMessageStartingWith("t.yaml:7:").hasMessageContaining("layers[0].layers[0].output: unknown key");
        assertThatThrownBy(() -> WorkloadLoader.parse("t.yaml", HEAD + "  - repeat: 2\n    layers:\n"
                + "      - repeat: 2\n        layers: [{name: \"a{i}\", type: softmax}]\n", 1))
                .hasMessage("t.yaml:7:9: layers[0].layers[0].repeat: a repeat block cannot hold another repeat block; "
                        + "write the inner block's layers out, or repeat the outer block's body as a whole");
        assertThatThrownBy(() -> WorkloadLoader.parse("t.yaml", HEAD + "  - {name: \"a{i}\", type: softmax}\n", 1))
                .hasMessageStartingWith("t.yaml:5:").hasMessageContaining("placeholders, replaced only in a repeat");
        assertThatThrownBy(() -> WorkloadLoader.parse("t.yaml", HEAD + "  - repeat: 0\n    layers: [{name: a, type: "
                + "softmax}]\n", 1)).hasMessageStartingWith("t.yaml:5:").hasMessageContaining("repeat: must be at least 1");
        // a mistyped count: 65,536 x 2 layers is past the 100,000 a workload may expand to
        assertThatThrownBy(() -> WorkloadLoader.parse("t.yaml", block.replace("repeat: 2", "repeat: 65536"), 1))
                .hasMessage("t.yaml:5:5: layers[0].repeat: 65536 iterations of 2 layers would make the workload more "
                        + "than 100000 layers long");
        assertThatThrownBy(() -> WorkloadLoader.parse("t.yaml", HEAD + "  - repeat: 2\n    name: x\n"
                + "    layers: [{name: \"a{i}\", type: softmax}]\n", 1))
                .hasMessageStartingWith("t.yaml:6:").hasMessageContaining("layers[0].name: unknown key");
    }
}
