package org.arrayflow.pipeline;

import org.arrayflow.config.ConfigException;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.transform.Changes;
import org.arrayflow.transform.TransformSyntax;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A workload's {@code transforms:} list, read and applied wherever workloads are read, then the request's own;
 * mistakes found against the network are reported at the setting's file, line and column.
 */
class WorkloadTransformsTest {
    private static final String HEAD = """
            format: arrayflow-workload/1
            name: t
            input: {channels: 8, height: 10, width: 10}
            layers:
              - {name: conv, type: conv2d, filters: 16, kernel: 3, padding: 1}
              - {name: pool, type: maxpool, kernel: 2}
              - {name: fc, type: fc, outputs: 10}
            """;

    private static Changes read(String transforms, String... more) {
        return Workloads.transformed("t.yaml", "t.yaml", HEAD + transforms, 0, null,
                java.util.Arrays.stream(more).map(m -> TransformSyntax.parse(m, "command line")).toList());
    }

    @Test
    void theFilesStepsThenTheRequestsInOrder() {
        Changes c = read("""
                transforms:
                  - prune: {conv: 0.5, "f*": "2:4"}
                  - quantize: {layers: fc, weight: int4, comment: the classifier}
                  - comment: nothing else
                    low_rank: {conv: [4, 6]}
                """, "low_rank:fc=5");
        assertThat(c.steps()).extracting(Changes.Step::transform).containsExactly("prune:conv=0.5,f*=2:4",
                "quantize:layers=fc,weight=int4", "low_rank:conv=4x6", "low_rank:fc=5");
        Network n = c.after();
        assertThat(n.layers()).extracting(Layer::name).containsExactly("conv_tucker1", "conv_tucker2", "conv_tucker3",
                "pool", "fc_svd1", "fc_svd2");
        assertThat(n.layer("fc_svd2").tensors().get(Tensor.WEIGHT).datatype()).isEqualTo(Datatype.INT4);
        // the factors are new matrices: the pruning before the factorisation does not carry over
        assertThat(n.layer("conv_tucker2").nonzeroWeights()).isEqualTo(216);
        assertThat(c.before().layers()).hasSize(3);
        // load() and parse() apply the file's own steps too
        assertThat(Workloads.parse("t.yaml", "t.yaml", HEAD + "transforms:\n  - low_rank: {fc: 5}\n", 0, null)
                .layers()).hasSize(4);
    }

    @Test
    void aRankTooLargeIsReportedAtItsPositionWithTheLargestAllowed() {
        assertThatThrownBy(() -> read("transforms:\n  - low_rank: {fc: 11}\n")).isInstanceOf(ConfigException.class)
                .hasMessage("t.yaml:9:16: transforms[0].low_rank.fc: rank 11 is larger than layer 'fc' (fc 400 -> 10) "
                        + "allows: at most min(400, 10) = 10; give a rank from 1 to 10, or a fraction of it such as 0.25");
        assertThatThrownBy(() -> read("transforms:\n  - low_rank: {conv: [9, 6]}\n"))
                .hasMessageStartingWith("t.yaml:9:16: transforms[0].low_rank.conv: ranks 9x6 are larger");
        assertThatThrownBy(() -> read("transforms:\n  - prune: {fc9: 0.5}\n"))
                .hasMessageStartingWith("t.yaml:9:13: transforms[0].prune.fc9: 'fc9' matches no layer it applies to; "
                        + "did you mean 'fc'?");
    }

    @Test
    void theSchemaAndTheReaderRefuseMalformedSteps() {
        assertThatThrownBy(() -> read("transforms:\n  - prnue: {fc: 0.5}\n")).hasMessageContaining("t.yaml:9:")
                .hasMessageContaining("did you mean 'prune'");
        assertThatThrownBy(() -> read("transforms:\n  - {prune: {fc: 0.5}, quantize: {weight: int8}}\n"))
                .hasMessageContaining("one step is one transform");
        assertThatThrownBy(() -> read("transforms:\n  - prune: {fc: 1.5}\n")).hasMessageContaining("t.yaml:9:");
        assertThatThrownBy(() -> read("transforms:\n  - prune: {fc: \"4:2\"}\n"))
                .hasMessageContaining("did you mean 2:4?");
        assertThatThrownBy(() -> read("transforms:\n  - quantize: {weight: int3}\n")).hasMessageContaining("t.yaml:9:");
        assertThatThrownBy(() -> read("transforms:\n  - quantize: {layers: fc}\n"))
                .hasMessageContaining("quantize needs a datatype");
        assertThatThrownBy(() -> read("transforms:\n  - low_rank: {fc: 0}\n")).hasMessageContaining("t.yaml:9:");
        assertThatThrownBy(() -> read("transforms:\n  - low_rank: {fc: [1, 2, 3]}\n")).hasMessageContaining("t.yaml:9:");
        assertThatThrownBy(() -> read("transforms:\n  - prune: {}\n")).hasMessageContaining("t.yaml:9:");
    }

    @Test
    void aWholeNumberWrittenWithAPointIsARank() {
        assertThat(read("transforms:\n  - low_rank: {fc: 5.0}\n").after().layer("fc_svd1").output().channels())
                .isEqualTo(5);
        assertThat(read("transforms:\n  - low_rank: {fc: 0.3}\n").after().layer("fc_svd1").output().channels())
                .isEqualTo(3);
    }

    @Test
    void noStepsLeavesTheNetworkAsRead() {
        Changes c = read("");
        assertThat(c.isEmpty()).isTrue();
        assertThat(c.after()).isSameAs(c.before());
        assertThat(List.of(c.after().layers().size())).containsExactly(3);
    }
}
