package org.arrayflow.onnx;

import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Network;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.arrayflow.onnx.OnnxWriter.names;
import static org.assertj.core.api.Assertions.assertThat;

/** A transformer block and a CNN with resizing, concat and transposed convolution, counted by hand. */
class OnnxOpsTest {

    /**
     * ids [batch, seq] -> embedding (100 x 16) -> layer norm -> qkv (16 -> 48, bias) -> split -> heads by a
     * shape subgraph (4 heads of 4) -> scores -> / 2 -> softmax -> context -> merge heads -> out (16 -> 16) ->
     * + residual -> gelu.
     */
    static byte[] transformerBlock() {
        return new OnnxWriter().inputOfType("ids", OnnxModel.INT64, "batch", "seq").output("y")
                .weight("table", 100, 16).weight("gamma", 16).weight("beta", 16).weight("wqkv", 16, 48)
                .weight("bqkv", 48).weight("wo", 16, 16).weight("two", 1)
                .ints("split", new long[] {3}, 16, 16, 16).ints("i0", new long[0], 0).ints("i1", new long[0], 1)
                .ints("ax0", new long[] {1}, 0).ints("heads", new long[] {2}, 4, 4)
                .ints("merged", new long[] {3}, 0, 0, -1)
                .node("Gather", "emb", names("table", "ids"), names("e"), "axis", 0L)
                .node("LayerNormalization", "ln", names("e", "gamma", "beta"), names("n"), "axis", -1L)
                .node("MatMul", "qkv", names("n", "wqkv"), names("qkv0"))
                .node("Add", "qkv_bias", names("qkv0", "bqkv"), names("qkv1"))
                .node("Split", "split_qkv", names("qkv1", "split"), names("q", "k", "v"), "axis", 2L)
                .node("Shape", "shape", names("e"), names("s"))
                .node("Gather", "b", names("s", "i0"), names("b0"))
                .node("Gather", "t", names("s", "i1"), names("t0"))
                .node("Unsqueeze", "b_1", names("b0", "ax0"), names("b1"))
                .node("Unsqueeze", "t_1", names("t0", "ax0"), names("t1"))
                .node("Concat", "target", names("b1", "t1", "heads"), names("target4"), "axis", 0L)
                .node("Reshape", "q4", names("q", "target4"), names("q4"))
                .node("Reshape", "k4", names("k", "target4"), names("k4"))
                .node("Reshape", "v4", names("v", "target4"), names("v4"))
                .node("Transpose", "qh", names("q4"), names("qh"), "perm", new long[] {0, 2, 1, 3})
                .node("Transpose", "kh", names("k4"), names("kh"), "perm", new long[] {0, 2, 3, 1})
                .node("Transpose", "vh", names("v4"), names("vh"), "perm", new long[] {0, 2, 1, 3})
                .node("MatMul", "scores", names("qh", "kh"), names("sc"))
                .node("Div", "scale", names("sc", "two"), names("sc2"))
                .node("Softmax", "softmax", names("sc2"), names("p"), "axis", -1L)
                .node("MatMul", "context", names("p", "vh"), names("ctx"))
                .node("Transpose", "ctx_t", names("ctx"), names("ctx_t"), "perm", new long[] {0, 2, 1, 3})
                .node("Reshape", "ctx_m", names("ctx_t", "merged"), names("ctx_m"))
                .node("MatMul", "out", names("ctx_m", "wo"), names("o"))
                .node("Add", "residual", names("o", "e"), names("r"))
                .node("Gelu", "gelu", names("r"), names("y"))
                .bytes();
    }

    @Test
    void transformerBlockByHand() {
        OnnxImport.Result r = OnnxImport.parse("block.onnx", transformerBlock(), 0,
                new OnnxImport.Options(Map.of("batch", 2L, "seq", 8L), false));
        Network n = r.network();
        assertThat(n.layers()).extracting(Layer::name).containsExactly("emb", "ln", "qkv", "scores", "scale",
                "softmax", "context", "out", "residual");
        assertThat(n.layers()).extracting(Layer::kind).containsExactly(LayerKind.EMBEDDING, LayerKind.LAYERNORM,
                LayerKind.LINEAR, LayerKind.MATMUL, LayerKind.ADD, LayerKind.SOFTMAX, LayerKind.MATMUL,
                LayerKind.LINEAR, LayerKind.ADD);
        // B = 2, T = 8, D = 16, 4 heads of 4: qkv 2·8·16·48; scores and context 2·4·8·8·4 each; out 2·8·16·16
        assertThat(n.layers()).extracting(Layer::macs).containsExactly(0L, 0L, 12_288L, 2_048L, 0L, 0L, 2_048L,
                4_096L, 0L);
        assertThat(n.macs()).isEqualTo(20_480L);
        assertThat(n.weights()).isEqualTo(16 * 48 + 16 * 16);
        assertThat(n.layers().stream().mapToLong(Layer::parameters).sum()).isEqualTo(16 * 48 + 16 * 16 + 100 * 16);
        // the scale is one operation per score (2·4·8·8), softmax two, layer norm two per element (2·8·16)
        assertThat(n.layers().get(4).vectorOps()).isEqualTo(512);
        assertThat(n.layers().get(5).vectorOps()).isEqualTo(1_024);
        assertThat(n.layers().get(1).vectorOps()).isEqualTo(512);
        assertThat(n.layers().get(8).inputs()).containsExactly("out", "emb");
        assertThat(n.layers().get(6).inputs()).containsExactly("softmax", "qkv");
        assertThat(r.notes().get(0)).contains("1 activations and 1 biases into their producers");
    }

    /** x [1, 8, 16, 16]: resize x2, conv, concat, transposed conv, pad, max pool, slice, pool, squeeze, fc. */
    static byte[] upsamplingCnn() {
        return new OnnxWriter().input("x", 1L, 8L, 16L, 16L).output("y").opset(13)
                .weight("w", 8, 8, 3, 3).weight("wt", 16, 4, 2, 2).weight("wfc", 5, 4)
                .ints("pads", new long[] {8}, 0, 0, 1, 1, 0, 0, 1, 1).ints("st", new long[] {1}, 0)
                .ints("en", new long[] {1}, 11).ints("ax", new long[] {1}, 2).ints("sq", new long[] {2}, 2, 3)
                .node("Constant", "scales", names(), names("scales2"), "value", OnnxWriter.floats("s", new long[] {4},
                        1, 1, 2, 2))
                .node("Resize", "up", names("x", "", "scales2"), names("u"), "mode", "nearest")
                .node("Conv", "conv", names("u", "w"), names("c"), "pads", new long[] {1, 1, 1, 1})
                .node("Concat", "cat", names("u", "c"), names("cat"), "axis", 1L)
                .node("ConvTranspose", "deconv", names("cat", "wt"), names("d"), "strides", new long[] {2, 2})
                .node("Pad", "pad", names("d", "pads"), names("pd"))
                .node("MaxPool", "pool", names("pd"), names("mp"), "kernel_shape", new long[] {3, 3}, "strides",
                        new long[] {3, 3})
                .node("Slice", "slice", names("mp", "st", "en", "ax"), names("sl"))
                .node("GlobalAveragePool", "gap", names("sl"), names("g"))
                .node("Squeeze", "squeeze", names("g", "sq"), names("v"))
                .node("Gemm", "fc", names("v", "wfc"), names("y"), "transB", 1L)
                .bytes();
    }

    @Test
    void upsamplingCnnByHand() {
        Network n = OnnxImport.parse("cnn.onnx", upsamplingCnn(), 0, OnnxImport.Options.DEFAULT).network();
        assertThat(n.layers()).extracting(Layer::name).containsExactly("up", "conv", "cat", "deconv", "pool", "gap",
                "fc");
        assertThat(n.layers()).extracting(l -> l.output().toString()).containsExactly("8x32x32", "8x32x32",
                "16x32x32", "4x64x64", "4x22x22", "4x1x1", "5x1x1");
        // conv 8·32·32·8·9; transposed conv 16 in · 4 out · 2·2 · 32·32 inputs; fc 4·5
        assertThat(n.layers()).extracting(Layer::macs).containsExactly(0L, 589_824L, 0L, 262_144L, 0L, 0L, 20L);
        assertThat(n.layers().get(0).vectorOps()).isEqualTo(8 * 32 * 32); // nearest: one move per output
        assertThat(n.layers().get(4).vectorOps()).isEqualTo(4 * 22 * 22 * 9);
        assertThat(n.layers().get(4).input().toString()).isEqualTo("4x66x66"); // padded
        assertThat(n.layers().get(5).input().toString()).isEqualTo("4x11x22"); // sliced
        assertThat(n.layers().get(2).inputs()).containsExactly("up", "conv");
    }

    @Test
    void passThroughActivationsReductionsAndIntegerMatMul() {
        byte[] one = OnnxWriter.tensor("one", OnnxModel.INT8, new long[] {1}, new long[] {1}, false);
        byte[] m = new OnnxWriter().input("x", 1L, 4L, 8L, 8L).inputOfType("a", OnnxModel.INT8, 3L, 4L).output("y")
                .output("z").ints("shape", new long[] {2}, 4, 6)
                .node("Identity", "id", names("x"), names("i"))
                .node("Dropout", "drop", names("i"), names("d"))
                .node("Tanh", "tanh", names("d"), names("t"))
                .node("HardSwish", "hswish", names("t"), names("h"))
                .node("Erf", "erf", names("h"), names("e"))
                .node("ReduceMean", "mean", names("e"), names("r"), "axes", new long[] {2, 3})
                .node("Flatten", "flat", names("r"), names("z"))
                .node("ConstantOfShape", "ones", names("shape"), names("b"), "value", one)
                .node("MatMulInteger", "imm", names("a", "b"), names("y"))
                .bytes();
        Network n = OnnxImport.parse("t.onnx", m, 0, OnnxImport.Options.DEFAULT).network();
        assertThat(n.layers()).extracting(Layer::name).containsExactly("tanh", "erf", "mean", "imm");
        assertThat(n.layers()).extracting(Layer::kind).containsExactly(LayerKind.ACTIVATION, LayerKind.ACTIVATION,
                LayerKind.ADD, LayerKind.LINEAR);
        // tanh 1 per element (hardswish fused into it), erf 1, the mean one add per input element
        assertThat(n.layers()).extracting(Layer::vectorOps).containsExactly(256L, 256L, 256L, 0L);
        assertThat(n.layers().get(2).output().toString()).isEqualTo("4x1x1");
        Layer imm = n.layers().get(3);
        assertThat(imm.macs()).isEqualTo(3 * 4 * 6);
        assertThat(imm.batch()).isEqualTo(3);
        assertThat(imm.tensors().get(org.arrayflow.tensor.Tensor.IFMAP).datatype())
                .isEqualTo(org.arrayflow.tensor.Datatype.INT8);
        assertThat(imm.tensors().get(org.arrayflow.tensor.Tensor.OFMAP).datatype())
                .isEqualTo(org.arrayflow.tensor.Datatype.INT32);
    }

    @Test
    void qlinearMatMulAndConvIntegerAreInt8Layers() {
        byte[] m = new OnnxWriter().inputOfType("x", OnnxModel.INT8, 1L, 4L, 6L, 6L).output("y").output("z")
                .weight("s", 1).ints("zp", new long[0], 0).weight("w", 8, 4, 3, 3).weight("b", 6, 5)
                .node("ConvInteger", "iconv", names("x", "w"), names("y"))
                .node("QLinearMatMul", "qmm", names("x", "s", "zp", "b", "s", "zp", "s", "zp"), names("z"))
                .bytes();
        Network n = OnnxImport.parse("t.onnx", m, 0, OnnxImport.Options.DEFAULT).network();
        // conv 8 filters · 4·3·3 over a 4x4 output; the matmul [1, 4, 6, 6] x [6, 5]: 4·6 rows of 6 x 5
        assertThat(n.layers()).extracting(Layer::kind).containsExactly(LayerKind.CONV2D, LayerKind.LINEAR);
        assertThat(n.layers()).extracting(Layer::macs).containsExactly(8L * 36 * 16, 4L * 6 * 6 * 5);
        for (Layer l : n.layers()) {
            assertThat(l.tensors().get(org.arrayflow.tensor.Tensor.WEIGHT).datatype()).as(l.name())
                    .isEqualTo(org.arrayflow.tensor.Datatype.INT8);
        }
    }
}
