package org.arrayflow.cli;

import org.arrayflow.config.Bundled;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code arrayflow list}: every bundled name with its one line, the lines starting in one column. */
class ListCommandTest {
    @Test
    void namesEachBundledFileWithItsLineInOneColumn() {
        CliRun r = CliRun.of("list");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).contains("architectures:", "workloads:", "sweeps:");
        // the architecture's description: key, not its leading comment
        String tpu = line(lines, "tpu-v1");
        assertThat(tpu).endsWith("TPU v1 matrix unit with unified buffer, accumulators and weight FIFO");
        // workloads and sweeps without the key: the first line of the leading comment, without '#'
        String resnet = line(lines, "resnet50");
        assertThat(resnet).endsWith("ResNet-50: He et al., \"Deep Residual Learning for Image Recognition\", CVPR 2016");
        assertThat(line(lines, "tpu/mlp0")).endsWith("MLP0 (multi-layer perceptron) stand-in.");
        assertThat(line(lines, "tpu-array-size")).startsWith("  tpu-array-size ")
                .endsWith("How big, and what shape, should a TPU-like array be for ResNet-50? Arrays of 64 to 256 rows and columns");
        int column = tpu.indexOf("TPU v1 matrix");
        assertThat(resnet.indexOf("ResNet-50:")).isEqualTo(column);
        for (String l : lines) {
            if (l.startsWith("  ")) {
                assertThat(l.length()).as(l).isGreaterThan(column);
                assertThat(l.charAt(column - 1)).as(l).isEqualTo(' ');
                assertThat(l.charAt(column)).as(l).isNotEqualTo(' ');
            }
        }
    }

    @Test
    void describeTakesTheKeyThenTheLeadingCommentAndMakesNothingUp() {
        assertThat(Bundled.describe("# a comment\nformat: x\ndescription: \"quoted: yes\"\n")).isEqualTo("quoted: yes");
        assertThat(Bundled.describe("description: plain words # a trailing comment\n")).isEqualTo("plain words");
        assertThat(Bundled.describe("#\n#  first words\n# second\nformat: x\n")).isEqualTo("first words");
        // an indented description: belongs to something nested; a comment after the first key is not leading
        assertThat(Bundled.describe("format: x\nbase:\n  description: nested\n# later\n")).isEmpty();
    }

    private static String line(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith("  " + name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + name + " in " + lines));
    }
}
