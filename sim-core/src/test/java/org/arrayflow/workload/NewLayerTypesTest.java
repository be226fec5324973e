package org.arrayflow.workload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The layer types of issue #14 built by {@link Layers} on small cases: shapes, MACs, weights, element operations
 * and words read, each derived by hand in the comment above its assertion.
 */
class NewLayerTypesTest {
    private static final List<String> IN = List.of(WorkloadLoader.INPUT);

    @Test
    void transposedConvolutionIsTheScatterGemmWithTheFrameworksMacs() {
        // 4 channels 3x3 -> 6 filters, 2x2 stride 2, 2 groups, batch 2: output (3 - 1) * 2 - 0 + 1 * (2 - 1) + 0 + 1 = 6
        Layer l = Layers.convTranspose(0, "up", IN, new Shape(4, 3, 3), 2, 6, new Window(2, 2, 2, 2, 0, 0, 1), 2, 0, 0);
        assertThat(l.output()).isEqualTo(new Shape(6, 6, 6));
        // MACs = C_in C_out k k H W / groups x batch = 4 * 6 * 4 * 9 / 2 * 2 = 864; weights 4 * 6 / 2 * 4 = 48
        assertThat(l.macs()).isEqualTo(864);
        assertThat(l.weights()).isEqualTo(48);
        assertThat(l.groups()).isEqualTo(2);
        // per group: M = 9 input pixels x 2 images, K = 4 / 2 = 2 channels, N = 3 filters x 4 kernel taps
        assertThat(l.gemms()).containsExactly(Gemm.plain(18, 2, 12, 2));
        assertThat(l.gemms().get(0).macs()).isEqualTo(l.macs());
    }

    @Test
    void transposedConvolutionOutputSizeFollowsTheFrameworksRule() {
        // 3x3 stride 2 pad 1 output_padding 1 on 5x5: (5 - 1) * 2 - 2 + 2 + 1 + 1 = 10 (double the input)
        assertThat(Layers.convTranspose(0, "t", IN, new Shape(2, 5, 5), 1, 2, new Window(3, 3, 2, 2, 1, 1, 1), 1, 1, 1)
                .output()).isEqualTo(new Shape(2, 10, 10));
        // 3x3 dilation 2 stride 1 on 4x4: 3 + 0 + 2 * 2 + 0 + 1 = 8
        assertThat(Layers.convTranspose(0, "t", IN, new Shape(2, 4, 4), 1, 2, new Window(3, 3, 1, 1, 0, 0, 2), 1, 0, 0)
                .output()).isEqualTo(new Shape(2, 8, 8));
        // output padding must be smaller than the stride (2) or the dilation (1)
        assertThatThrownBy(() -> Layers.convTranspose(0, "t", IN, new Shape(2, 4, 4), 1, 2,
                new Window(2, 2, 2, 2, 0, 0, 1), 1, 2, 0))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isEqualTo("output_padding"));
        // 1x1 stride 1 on 2x2 with padding 1: 1 - 2 + 0 + 1 = 0 rows
        assertThatThrownBy(() -> Layers.convTranspose(0, "t", IN, new Shape(2, 2, 2), 1, 2,
                new Window(1, 1, 1, 1, 1, 1, 1), 1, 0, 0))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isEqualTo("padding"));
    }

    @Test
    void concatSumsChannelsAndMovesEveryElementOnce() {
        Layer l = Layers.concat(0, "cat", List.of("a", "b"), List.of(new Shape(3, 4, 4), new Shape(5, 4, 4)), 2);
        assertThat(l.output()).isEqualTo(new Shape(8, 4, 4));
        assertThat(l.macs()).isZero();
        assertThat(l.vectorOps()).isZero();
        // read (48 + 80) x 2 images = 256 words, write 8 * 16 * 2 = 256
        assertThat(l.inputWords()).isEqualTo(256);
        assertThat(l.outputWords()).isEqualTo(256);
        assertThatThrownBy(() -> Layers.concat(0, "cat", List.of("a", "b"),
                List.of(new Shape(3, 4, 4), new Shape(5, 4, 2)), 1))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isEqualTo("inputs"))
                .hasMessageContaining("heights and widths differ");
    }

    @Test
    void splitReadsOnlyItsChannelRange() {
        // channels 2, 3, 4 of 8x2x2, batch 3: 3 * 4 * 3 = 36 words read and written
        Layer l = Layers.split(0, "s", IN, new Shape(8, 2, 2), 3, 2, 3);
        assertThat(l.output()).isEqualTo(new Shape(3, 2, 2));
        assertThat(l.readWords(0)).isEqualTo(36);
        assertThat(l.inputWords()).isEqualTo(36);
        assertThat(l.vectorOps()).isZero();
        assertThatThrownBy(() -> Layers.split(0, "s", IN, new Shape(8, 2, 2), 1, 6, 3))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isEqualTo("channels"));
    }

    @Test
    void cropReadsOnlyItsWindow() {
        // rows 1-2 and columns 2-4 of 2x4x6, every channel, batch 2: 2 * 2 * 3 * 2 = 24 words read and written
        Layer l = Layers.crop(0, "c", IN, new Shape(2, 4, 6), 2, 1, 2, 2, 3);
        assertThat(l.output()).isEqualTo(new Shape(2, 2, 3));
        assertThat(l.readWords(0)).isEqualTo(24);
        assertThat(l.vectorOps()).isZero();
        assertThatThrownBy(() -> Layers.crop(0, "c", IN, new Shape(2, 4, 6), 1, 3, 0, 2, 3))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isEqualTo("height"));
        assertThatThrownBy(() -> Layers.crop(0, "c", IN, new Shape(2, 4, 6), 1, 0, 4, 2, 3))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isEqualTo("width"));
    }

    @Test
    void activationsCostTheirFormulasOperations() {
        Shape x = new Shape(2, 3, 4); // 24 elements, batch 1
        assertThat(Layers.activation(0, "a", IN, x, 1, Activation.RELU).vectorOps()).isEqualTo(24);
        assertThat(Layers.activation(0, "a", IN, x, 1, Activation.RELU6).vectorOps()).isEqualTo(48);
        assertThat(Layers.activation(0, "a", IN, x, 1, Activation.SIGMOID).vectorOps()).isEqualTo(72);
        assertThat(Layers.activation(0, "a", IN, x, 1, Activation.HARDSIGMOID).vectorOps()).isEqualTo(96);
        assertThat(Layers.activation(0, "a", IN, x, 1, Activation.HARDSWISH).vectorOps()).isEqualTo(120);
        assertThat(Layers.activation(0, "a", IN, x, 1, Activation.TANH).vectorOps()).isEqualTo(24);
        assertThat(Layers.activation(0, "a", IN, x, 1, Activation.GELU).vectorOps()).isEqualTo(120);
        assertThat(Layers.activation(0, "a", IN, x, 1, Activation.SWISH).vectorOps()).isEqualTo(96);
        // batch 2 doubles it; shape unchanged
        Layer l = Layers.activation(0, "a", IN, x, 2, Activation.SILU);
        assertThat(l.vectorOps()).isEqualTo(192);
        assertThat(l.output()).isEqualTo(x);
    }

    @Test
    void batchNormIsAScaleAndAShiftPerChannel() {
        // 3x2x2, batch 2: 2 ops x 12 elements x 2 = 48; constants 2 x 3 channels
        Layer l = Layers.batchnorm(0, "bn", IN, new Shape(3, 2, 2), 2);
        assertThat(l.vectorOps()).isEqualTo(48);
        assertThat(l.constants()).isEqualTo(6);
        assertThat(l.parameters()).isEqualTo(6);
        assertThat(l.weights()).isZero();
    }

    @Test
    void upsamplingCostsPerOutputElement() {
        // 2x3x4 to 2x6x8: 96 outputs; nearest 1 op each, bilinear 7
        Layer n = Layers.upsample(0, "u", IN, new Shape(2, 3, 4), 1, 6, 8, Interpolation.NEAREST);
        assertThat(n.output()).isEqualTo(new Shape(2, 6, 8));
        assertThat(n.vectorOps()).isEqualTo(96);
        assertThat(Layers.upsample(0, "u", IN, new Shape(2, 3, 4), 1, 6, 8, Interpolation.BILINEAR).vectorOps())
                .isEqualTo(672);
    }

    @Test
    void embeddingReadsTheRowsOfItsTokens() {
        // 5 tokens, a 100 x 8 table, batch 2: output 8x1x5; rows read 8 * 5 * 2 = 80 words; 800 constants
        Layer l = Layers.embedding(0, "emb", IN, new Shape(1, 1, 5), 2, 100, 8);
        assertThat(l.output()).isEqualTo(new Shape(8, 1, 5));
        assertThat(l.readWords(0)).isEqualTo(80);
        assertThat(l.macs()).isZero();
        assertThat(l.vectorOps()).isZero();
        assertThat(l.parameters()).isEqualTo(800);
        assertThat(l.describe()).isEqualTo("1x1x5 -> 8x1x5 table 100x8");
        assertThatThrownBy(() -> Layers.embedding(0, "emb", IN, new Shape(768, 1, 5), 1, 100, 8))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isEqualTo("input"));
    }

    @Test
    void everyTypeReadsFromYamlAndErrorsPointAtTheKey() {
        String yaml = String.join("\n",
                "format: arrayflow-workload/1",
                "name: t",
                "input: {channels: 4, height: 3, width: 3}",
                "layers:",
                "  - {name: bn, type: batchnorm}",
                "  - {name: act, type: activation, function: hardswish}",
                "  - {name: up, type: conv_transpose, filters: 2, kernel: 2, stride: 2}",
                "  - {name: s, type: split, input: act, offset: 1, channels: 2}",
                "  - {name: r, type: upsample, input: s, scale: 2, mode: bilinear}",
                "  - {name: cat, type: concat, inputs: [up, r]}",
                "  - {name: crop, type: crop, height: 3, width: 4}",
                "");
        Network n = WorkloadLoader.parse("t.yaml", yaml, 1);
        assertThat(n.layer("up").output()).isEqualTo(new Shape(2, 6, 6));
        assertThat(n.layer("s").output()).isEqualTo(new Shape(2, 3, 3));
        assertThat(n.layer("r").output()).isEqualTo(new Shape(2, 6, 6));
        assertThat(n.layer("cat").output()).isEqualTo(new Shape(4, 6, 6));
        // centred by default: rows 1-3, columns 1-4 of 6x6; reads only those 4 * 3 * 4 words
        assertThat(n.layer("crop").output()).isEqualTo(new Shape(4, 3, 4));
        assertThat(n.layer("crop").inputWords()).isEqualTo(48);
        // 4 * 2 * 4 * 9 = 288 MACs, all in the transposed convolution
        assertThat(n.macs()).isEqualTo(288);
        // parameters: the batch norm's 2 x 4 constants and the transposed convolution's 4 x 2 x 2 x 2 weights
        assertThat(n.weights()).isEqualTo(32);
        assertThat(n.parameters()).isEqualTo(8 + 32);
        assertThatThrownBy(() -> WorkloadLoader.parse("t.yaml", yaml.replace("offset: 1", "offset: 3"), 1))
                .hasMessageStartingWith("t.yaml:8:")
                .hasMessageContaining("layers[3].channels: layer 's': channels 3 to 3 + 2 are not within the 4");
        assertThatThrownBy(() -> WorkloadLoader.parse("t.yaml", yaml.replace("width: 4}", "width: 4, left: 3}"), 1))
                .hasMessageStartingWith("t.yaml:11:")
                .hasMessageContaining("layers[6].width: layer 'crop': columns 3 to 3 + 4 are not within the 6");
        assertThatThrownBy(() -> WorkloadLoader.parse("t.yaml", yaml.replace("hardswish", "hardswitch"), 1))
                .hasMessageStartingWith("t.yaml:6:").hasMessageContaining("layers[1].function: must be one of");
    }
}
