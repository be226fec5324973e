package org.arrayflow.transform;

import org.arrayflow.config.ConfigException;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each transform on a three-layer network, figures derived by hand. conv: 8x10x10 -> 16x10x10, 3x3 pad 1,
 * 16·8·9 = 1,152 weights, x 100 positions = 115,200 MACs; pool: 2x2 -> 16x5x5, no weights; fc: 16·5·5 = 400
 * -> 10, 4,000 weights and MACs. Bytes at a 16-bit architecture word (2 bytes) unless a datatype is stated.
 */
class TransformsTest {
    static final String NET = """
            format: arrayflow-workload/1
            name: three
            input: {channels: 8, height: 10, width: 10}
            layers:
              - {name: conv, type: conv2d, filters: 16, kernel: 3, padding: 1}
              - {name: pool, type: maxpool, kernel: 2}
              - {name: fc, type: fc, outputs: 10}
            """;
    static final Function<Layer, Precision> WORD16 = l -> Precision.words(16, 32).resolve(l.tensors());

    static Network net() {
        return WorkloadLoader.parse("three.yaml", NET, 0);
    }

    static Changes apply(String... transforms) {
        return Transforms.apply(net(), java.util.Arrays.stream(transforms)
                .map(t -> TransformSyntax.parse(t, "command line")).toList());
    }

    @Test
    void theNetworkAsWritten() {
        Network n = net();
        assertThat(n.layer("conv").weights()).isEqualTo(1_152);
        assertThat(n.layer("conv").macs()).isEqualTo(115_200);
        assertThat(n.layer("fc").weights()).isEqualTo(4_000);
        assertThat(n.macs()).isEqualTo(119_200);
        assertThat(Transforms.apply(n, List.of()).isEmpty()).isTrue();
    }

    @Test
    void pruneSetsWeightDensitiesAndKeepsShapes() {
        Changes c = apply("prune:conv=0.5,fc=2:4");
        Network after = c.after();
        assertThat(after.layer("conv").tensors().get(Tensor.WEIGHT).density()).isEqualTo(Density.of(0.5));
        assertThat(after.layer("fc").tensors().get(Tensor.WEIGHT).density()).isEqualTo(Density.structured(2, 4));
        assertThat(after.macs()).isEqualTo(119_200);
        assertThat(after.weights()).isEqualTo(5_152);
        Changes.Step s = c.steps().get(0);
        assertThat(s.transform()).isEqualTo("prune:conv=0.5,fc=2:4");
        assertThat(s.layers()).extracting(ch -> ch.before().name()).containsExactly("conv", "fc");
        assertThat(s.layers().get(1).what()).isEqualTo("weight density 1 -> 2:4");
        // 576 + 2,000 of 5,152 weights kept; bytes at 2 per weight
        assertThat(c.networkAfter(WORD16)).isEqualTo(new Changes.Figures(5_152, 2_576, 119_200, 10_304, 5_152));
        assertThat(c.networkBefore(WORD16)).isEqualTo(new Changes.Figures(5_152, 5_152, 119_200, 10_304, 10_304));
    }

    @Test
    void theLastMatchingSettingWins() {
        Network after = apply("prune:*=0.5,fc=0.25").after();
        assertThat(after.layer("conv").nonzeroWeights()).isEqualTo(576);
        assertThat(after.layer("fc").nonzeroWeights()).isEqualTo(1_000);
        assertThat(after.layer("pool").tensors().allDefault()).isTrue(); // no weights: a pattern passes it by
    }

    @Test
    void quantizeSetsDatatypesWhereTheLayerHasTheTensor() {
        Changes c = apply("quantize:weight=int4,ifmap=int8");
        Network after = c.after();
        assertThat(after.layer("fc").tensors().get(Tensor.WEIGHT).datatype()).isEqualTo(Datatype.INT4);
        assertThat(after.layer("pool").tensors().get(Tensor.IFMAP).datatype()).isEqualTo(Datatype.INT8);
        assertThat(after.layer("pool").tensors().get(Tensor.WEIGHT).datatype()).isNull();
        assertThat(c.steps().get(0).layers().get(0).what()).isEqualTo("ifmap arch word -> int8, weight arch word -> int4");
        // int4 packs two to a byte: 5,152 / 2
        assertThat(c.networkAfter(WORD16).weightBytes()).isEqualTo(2_576);
        Network fcOnly = apply("quantize:layers=f*,weight=int8").after();
        assertThat(fcOnly.layer("conv").tensors().allDefault()).isTrue();
        assertThat(fcOnly.layer("fc").tensors().get(Tensor.WEIGHT).datatype()).isEqualTo(Datatype.INT8);
    }

    @Test
    void lowRankOfAnFcLayerIsTwoFcLayers() {
        Changes c = apply("low_rank:fc=5");
        Network after = c.after();
        assertThat(after.layers()).extracting(Layer::name).containsExactly("conv", "pool", "fc_svd1", "fc_svd2");
        Layer a = after.layer("fc_svd1");
        Layer b = after.layer("fc_svd2");
        assertThat(a.kind()).isEqualTo(LayerKind.FC);
        assertThat(a.inputs()).containsExactly("pool");
        assertThat(a.weights()).isEqualTo(2_000); // 400 x 5
        assertThat(b.inputs()).containsExactly("fc_svd1");
        assertThat(b.weights()).isEqualTo(50); // 5 x 10
        assertThat(b.output()).isEqualTo(net().layer("fc").output());
        assertThat(after.layers()).extracting(Layer::index).containsExactly(0, 1, 2, 3);
        assertThat(c.steps().get(0).layers().get(0).what()).isEqualTo("SVD rank 5: 400->5, 5->10");
        assertThat(c.steps().get(0).layers().get(0).becomes()).isEqualTo("fc_svd1 + fc_svd2");
        Changes.Step s = c.steps().get(0);
        assertThat(s.before(WORD16)).isEqualTo(new Changes.Figures(4_000, 4_000, 4_000, 8_000, 8_000));
        assertThat(s.after(WORD16)).isEqualTo(new Changes.Figures(2_050, 2_050, 2_050, 4_100, 4_100));
        // a fraction of the largest rank, min(400, 10) = 10
        assertThat(apply("low_rank:fc=0.5").after().layer("fc_svd1").output().channels()).isEqualTo(5);
    }

    @Test
    void lowRankOfAConvolutionIsTucker2AndLaterLayersReadItsLastFactor() {
        Changes c = apply("low_rank:conv=4x6");
        Network after = c.after();
        assertThat(after.layers()).extracting(Layer::name)
                .containsExactly("conv_tucker1", "conv_tucker2", "conv_tucker3", "pool", "fc");
        Layer t1 = after.layer("conv_tucker1");
        Layer t2 = after.layer("conv_tucker2");
        Layer t3 = after.layer("conv_tucker3");
        assertThat(t1.weights()).isEqualTo(32); // 1x1, 8 -> 4
        assertThat(t1.macs()).isEqualTo(3_200);
        assertThat(t2.weights()).isEqualTo(216); // 3x3, 4 -> 6
        assertThat(t2.macs()).isEqualTo(21_600);
        assertThat(t2.window()).isEqualTo(net().layer("conv").window());
        assertThat(t3.weights()).isEqualTo(96); // 1x1, 6 -> 16
        assertThat(t3.macs()).isEqualTo(9_600);
        assertThat(t3.output()).isEqualTo(net().layer("conv").output());
        assertThat(after.layer("pool").inputs()).containsExactly("conv_tucker3");
        assertThat(c.steps().get(0).layers().get(0).what())
                .isEqualTo("Tucker-2 ranks 4x6: 1x1 8->4, 3x3 4->6, 1x1 6->16");
        assertThat(after.weights()).isEqualTo(344 + 4_000);
        assertThat(after.macs()).isEqualTo(34_400 + 4_000);
    }

    @Test
    void stepsApplyInOrderEachToWhatTheLastLeft() {
        Changes c = apply("low_rank:fc=5", "prune:fc_svd*=0.5", "quantize:weight=int8");
        assertThat(c.steps()).extracting(Changes.Step::number).containsExactly(1, 2, 3);
        assertThat(c.after().layer("fc_svd1").nonzeroWeights()).isEqualTo(1_000);
        // int8: one byte per weight, 1,152 + 2,050; non-zero 1,152 + 1,000 + 25
        assertThat(c.networkAfter(WORD16)).isEqualTo(new Changes.Figures(3_202, 2_177, 119_200 - 4_000 + 2_050,
                3_202, 2_177));
        assertThatThrownBy(() -> apply("low_rank:fc=5", "prune:fc=0.5"))
                .hasMessageContaining("'fc' matches no layer it applies to; did you mean 'fc_svd1' or 'fc_svd2'?");
    }

    @Test
    void factorsOfAPrunedLayerAreDenseAndKeepItsDatatypes() {
        Network n = apply("prune:conv=0.5,fc=0.25", "quantize:weight=int4", "low_rank:conv=4x6,fc=5").after();
        for (String f : List.of("conv_tucker1", "conv_tucker2", "conv_tucker3", "fc_svd1", "fc_svd2")) {
            assertThat(n.layer(f).tensors().get(Tensor.WEIGHT).density().dense()).as(f).isTrue();
            assertThat(n.layer(f).tensors().get(Tensor.WEIGHT).datatype().name()).as(f).isEqualTo("int4");
        }
    }

    @Test
    void fusedGroupsFollowTheFactors() {
        Network n = WorkloadLoader.parse("three.yaml", NET + "fusion: {groups: [conv..pool, fc]}\n", 0);
        Network after = Transforms.apply(n, List.of(TransformSyntax.parse("low_rank:conv=4,fc=5", "x"))).after();
        assertThat(after.fusion().groups()).containsExactly("conv_tucker1..pool", "fc_svd1..fc_svd2");
    }

    @Test
    void ranksTheLayerDoesNotAllowNameTheLargest() {
        assertThatThrownBy(() -> apply("low_rank:fc=11")).isInstanceOf(ConfigException.class)
                .hasMessage("command line: option transform 'low_rank:fc=11': rank 11 is larger than layer 'fc' "
                        + "(fc 400 -> 10) allows: at most min(400, 10) = 10; give a rank from 1 to 10, or a fraction "
                        + "of it such as 0.25");
        assertThatThrownBy(() -> apply("low_rank:conv=9x6"))
                .hasMessageContaining("ranks 9x6 are larger than layer 'conv' (conv2d 8 -> 16) allows: the input rank "
                        + "at most 8 (its input channels), the output rank at most 16 (its filters)");
        assertThatThrownBy(() -> apply("low_rank:fc=2x3")).hasMessageContaining("takes one rank, not 2x3");
        assertThatThrownBy(() -> apply("low_rank:fc=0")).hasMessageContaining("a rank must be at least 1, found 0");
        assertThatThrownBy(() -> apply("low_rank:pool=2"))
                .hasMessageContaining("layer 'pool' (maxpool) cannot be factorised");
    }

    @Test
    void patternsThatMatchNothingNameTheNearNames() {
        assertThatThrownBy(() -> apply("prune:fc9=0.5"))
                .hasMessageContaining("'fc9' matches no layer it applies to; did you mean 'fc'?");
        assertThatThrownBy(() -> apply("prune:xyz*=0.5"))
                .hasMessageContaining("'xyz*' matches no layer it applies to; they are conv, fc");
        assertThatThrownBy(() -> apply("prune:pool=0.5"))
                .hasMessageContaining("layer 'pool' (maxpool) has no weights to prune");
        assertThatThrownBy(() -> apply("quantize:layers=pool,weight=int8"))
                .hasMessageContaining("layer 'pool' (maxpool) has none of the tensors given (weight)");
        assertThatThrownBy(() -> apply("quantize:layers=poo,ifmap=int8"))
                .hasMessageContaining("'poo' matches no layer; did you mean 'pool'?");
    }

    @Test
    void aFactorsNameMustBeFree() {
        String taken = NET + "  - {name: fc_svd1, type: fc, outputs: 3}\n";
        Network n = WorkloadLoader.parse("t.yaml", taken, 0);
        assertThatThrownBy(() -> Transforms.apply(n, List.of(TransformSyntax.parse("low_rank:fc=5", "x"))))
                .hasMessageContaining("layer 'fc' would become 'fc_svd1', a name the workload already uses");
    }

    @Test
    void theBatchScalesMacsNotWeights() {
        Network n = WorkloadLoader.parse("three.yaml", NET, 4);
        Network after = Transforms.apply(n, List.of(TransformSyntax.parse("low_rank:fc=5", "x"))).after();
        assertThat(after.layer("fc_svd1").macs()).isEqualTo(4 * 2_000);
        assertThat(after.layer("fc_svd1").weights()).isEqualTo(2_000);
    }

    @Test
    void linearAndGemmLayersFactoriseLikeFc() {
        String text = """
                format: arrayflow-workload/1
                name: t
                input: {channels: 64, height: 1, width: 16}
                layers:
                  - {name: proj, type: linear, outputs: 32}
                  - {name: g, type: gemm, m: 16, k: 32, n: 48}
                """;
        Network n = WorkloadLoader.parse("t.yaml", text, 0);
        Network after = Transforms.apply(n, List.of(TransformSyntax.parse("low_rank:proj=8,g=4", "x"))).after();
        assertThat(after.layers()).extracting(Layer::name).containsExactly("proj_svd1", "proj_svd2", "g_svd1", "g_svd2");
        assertThat(after.layer("proj_svd1").macs()).isEqualTo(16L * 64 * 8);
        assertThat(after.layer("proj_svd2").output()).isEqualTo(n.layer("proj").output());
        assertThat(after.layer("g_svd1").weights()).isEqualTo(32 * 4);
        assertThat(after.layer("g_svd2").weights()).isEqualTo(4 * 48);
        assertThat(after.layer("g_svd2").macs()).isEqualTo(16L * 4 * 48);
        assertThat(after.layer("g_svd2").inputs()).containsExactly("g_svd1");
    }
}
