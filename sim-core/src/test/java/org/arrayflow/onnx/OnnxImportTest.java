package org.arrayflow.onnx;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.config.ConfigException;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.arrayflow.onnx.OnnxWriter.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The importer on small graphs written here, each with its figures derived by hand. */
class OnnxImportTest {

    private static Network read(byte[] model, Map<String, Long> dims) {
        return OnnxImport.parse("t.onnx", model, 0, new OnnxImport.Options(dims, false)).network();
    }

    /** conv 3->16 3x3 pad 1 + relu, conv 16->32 3x3/2 pad 1 + batch norm + relu, global pool, flatten, fc 32->10. */
    static byte[] smallCnn() {
        return new OnnxWriter().input("x", 1L, 3L, 32L, 32L).output("y")
                .weight("w1", 16, 3, 3, 3).weight("w2", 32, 16, 3, 3).weight("w3", 32, 10).weight("b3", 10)
                .weight("g", 32).weight("b", 32).weight("m", 32).weight("v", 32)
                .node("Conv", "c1", names("x", "w1"), names("c1o"), "kernel_shape", new long[] {3, 3}, "pads",
                        new long[] {1, 1, 1, 1})
                .node("Relu", "r1", names("c1o"), names("r1o"))
                .node("Conv", "c2", names("r1o", "w2"), names("c2o"), "strides", new long[] {2, 2}, "pads",
                        new long[] {1, 1, 1, 1})
                .node("BatchNormalization", "bn", names("c2o", "g", "b", "m", "v"), names("bno"))
                .node("Relu", "r2", names("bno"), names("r2o"))
                .node("GlobalAveragePool", "gap", names("r2o"), names("gapo"))
                .node("Flatten", "flat", names("gapo"), names("flato"))
                .node("Gemm", "fc", names("flato", "w3", "b3"), names("y"))
                .bytes();
    }

    static final String SMALL_CNN_YAML = """
            format: arrayflow-workload/1
            name: test-graph
            batch: 1
            input: {channels: 3, height: 32, width: 32}
            layers:
              - {name: c1, type: conv2d, filters: 16, kernel: 3, padding: 1}
              - {name: c2, type: conv2d, filters: 32, kernel: 3, stride: 2, padding: 1}
              - {name: gap, type: global_avgpool}
              - {name: fc, type: fc, outputs: 10}
            """;

    @Test
    void smallCnnMatchesTheSameNetworkWrittenInYaml() {
        Network onnx = read(smallCnn(), Map.of());
        Network yaml = WorkloadLoader.parse("t.yaml", SMALL_CNN_YAML, 0);
        // by hand: c1 16x32x32 outputs x 27 = 442,368; c2 32x16x16 x 144 = 1,179,648; fc 32 x 10 = 320
        assertThat(onnx.macs()).isEqualTo(442_368L + 1_179_648L + 320L).isEqualTo(yaml.macs());
        assertThat(onnx.weights()).isEqualTo(16 * 27 + 32 * 144 + 320).isEqualTo(yaml.weights());
        assertThat(onnx.layers()).extracting(Layer::kind).containsExactly(LayerKind.CONV2D, LayerKind.CONV2D,
                LayerKind.GLOBAL_AVGPOOL, LayerKind.FC);
        for (String arch : new String[] {"tpu-v1", "systolic-32x32", "eyeriss-v1", "fpga-zc706-qiu16"}) {
            NetworkResult a = Pipeline.simulate(ArchLoader.load(arch), onnx);
            NetworkResult b = Pipeline.simulate(ArchLoader.load(arch), yaml);
            assertThat(a.totalCycles()).as(arch).isEqualTo(b.totalCycles());
            assertThat(a.macs()).as(arch).isEqualTo(b.macs());
            assertThat(a.energyPj()).as(arch).isEqualTo(b.energyPj());
        }
    }

    @Test
    void fusionsAreCountedAndReported() {
        OnnxImport.Result r = OnnxImport.parse("t.onnx", smallCnn(), 0, OnnxImport.Options.DEFAULT);
        assertThat(r.notes().get(0)).contains("8 ONNX nodes -> 4 layers", "fused 1 batch norms into convolutions",
                "2 activations and 0 biases into their producers");
        assertThat(r.summary()).startsWith("# ONNX model t.onnx (IR 8, opset 17, from arrayflow-test, graph 'test-graph')");
    }

    /** x [batch, 4, 8, 8] reshaped to [batch, 256] by a shape subgraph, then fc 256 -> 10. */
    static byte[] shapeSubgraph() {
        return new OnnxWriter().input("x", "batch", 4L, 8L, 8L).output("y").weight("w", 256, 10)
                .ints("zero", new long[0], 0).ints("minus1", new long[] {1}, -1)
                .node("Shape", "shape", names("x"), names("s"))
                .node("Gather", "first", names("s", "zero"), names("n"), "axis", 0L)
                .node("Unsqueeze", "unsq", names("n"), names("n1"), "axes", new long[] {0})
                .node("Concat", "cat", names("n1", "minus1"), names("target"), "axis", 0L)
                .node("Reshape", "reshape", names("x", "target"), names("flat"))
                .node("MatMul", "fc", names("flat", "w"), names("y"))
                .opset(11).bytes();
    }

    @Test
    void shapeComputationIsFoldedAndSymbolicDimsAreSet() {
        OnnxImport.Result r = OnnxImport.parse("t.onnx", shapeSubgraph(), 0,
                new OnnxImport.Options(Map.of("batch", 3L), false));
        Network n = r.network();
        assertThat(n.layers()).hasSize(1);
        Layer fc = n.layers().get(0);
        assertThat(fc.kind()).isEqualTo(LayerKind.LINEAR);
        assertThat(fc.batch()).isEqualTo(3);
        assertThat(fc.macs()).isEqualTo(3L * 256 * 10);
        assertThat(n.batch()).isEqualTo(3);
        assertThat(r.notes().get(0)).contains("5 nodes evaluated at import");
        // --batch sets a symbolic first dimension that --dim does not
        assertThat(OnnxImport.parse("t.onnx", shapeSubgraph(), 5, OnnxImport.Options.DEFAULT).network().macs())
                .isEqualTo(5L * 2560);
    }

    @Test
    void aMissingSymbolicDimensionIsNamed() {
        assertThatThrownBy(() -> read(shapeSubgraph(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.onnx: input 'x' has the symbolic dimension 'batch' (axis 0); give its value with "
                        + "--dim batch=N");
    }

    @Test
    void batchedAndBroadcastMatMuls() {
        // scores = q [2, 4, 16, 8] x k [2, 4, 8, 16]; then p [2, 4, 16, 16] x v [16, 8] broadcast over [2, 4]
        byte[] m = new OnnxWriter().input("q", 2L, 4L, 16L, 8L).input("k", 2L, 4L, 8L, 16L).input("v", 16L, 8L)
                .output("y")
                .node("MatMul", "scores", names("q", "k"), names("s"))
                .node("Softmax", "softmax", names("s"), names("p"), "axis", -1L)
                .node("MatMul", "context", names("p", "v"), names("y"))
                .bytes();
        Network n = read(m, Map.of());
        assertThat(n.layers()).extracting(Layer::kind).containsExactly(LayerKind.MATMUL, LayerKind.SOFTMAX,
                LayerKind.MATMUL);
        assertThat(n.layers().get(0).macs()).isEqualTo(2L * 4 * 16 * 8 * 16);
        assertThat(n.layers().get(2).macs()).isEqualTo(2L * 4 * 16 * 16 * 8);
        assertThat(n.layers().get(0).weights()).isZero();
        assertThat(n.layers().get(2).inputs()).containsExactly("softmax", "input");
    }

    @Test
    void quantisedOpsAndQdqPairsAreInt8() {
        byte[] m = new OnnxWriter().input("x", 1L, 8L, 8L, 8L).output("y")
                .weight("s", 1).ints("zp", new long[0], 0).weight("w", 4, 8, 1, 1)
                .node("QuantizeLinear", "qx", names("x", "s"), names("xq"))
                .node("DequantizeLinear", "dqx", names("xq", "s"), names("xd"))
                .node("QuantizeLinear", "qw", names("w", "s"), names("wq"))
                .node("DequantizeLinear", "dqw", names("wq", "s"), names("wd"))
                .node("Conv", "conv", names("xd", "wd"), names("c"))
                .node("QLinearConv", "qconv", names("xq", "s", "zp", "w", "s", "zp", "s", "zp"), names("y"))
                .bytes();
        Network n = read(m, Map.of());
        assertThat(n.layers()).hasSize(2);
        for (Layer l : n.layers()) {
            assertThat(l.macs()).as(l.name()).isEqualTo(4L * 8 * 64);
            assertThat(l.tensors().get(Tensor.IFMAP).datatype()).as(l.name()).isEqualTo(Datatype.INT8);
            assertThat(l.tensors().get(Tensor.WEIGHT).datatype()).as(l.name()).isEqualTo(Datatype.INT8);
        }
        assertThat(n.layers().get(1).tensors().get(Tensor.OFMAP).datatype()).isEqualTo(Datatype.INT8);
        // tpu-v1 multiplies int8 natively: the quantised layers run there as stated
        assertThat(Pipeline.simulate(ArchLoader.load("tpu-v1"), n).macs()).isEqualTo(2L * 4 * 8 * 64);
    }

    static byte[] withLstm() {
        return new OnnxWriter().input("x", 1L, 4L, 8L, 8L).output("y").weight("w", 4, 4, 1, 1)
                .node("LSTM", "lstm_a", names("x"), names("a"))
                .node("LSTM", "lstm_b", names("a"), names("b"))
                .node("Conv", "conv", names("b", "w"), names("y"))
                .bytes();
    }

    @Test
    void anUnsupportedOpIsRefusedNamingItsTypeNodeAndCount() {
        assertThatThrownBy(() -> read(withLstm(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.onnx: unsupported ONNX op 'LSTM' at node 'lstm_a' (2 nodes of that type); "
                        + "--unsupported as-vector runs such ops as element-wise work");
    }

    @Test
    void unsupportedOpsRunAsVectorWorkWithAWarningPerType() {
        OnnxImport.Result r = OnnxImport.parse("t.onnx", withLstm(), 0, new OnnxImport.Options(Map.of(), true));
        assertThat(r.network().layers()).extracting(Layer::kind).containsExactly(LayerKind.ACTIVATION,
                LayerKind.ACTIVATION, LayerKind.CONV2D);
        assertThat(r.network().layers().get(0).vectorOps()).isEqualTo(4 * 64);
        assertThat(r.notes()).hasSize(2);
        assertThat(r.notes().get(1)).isEqualTo("t.onnx: warning: 2 LSTM nodes (not supported) run as element-wise "
                + "work: one operation per element of the first input, output shaped like it");
    }

    @Test
    void truncatedAndForeignFilesAreOneLineErrors() {
        byte[] good = smallCnn();
        assertThatThrownBy(() -> read(Arrays.copyOf(good, good.length / 2), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("t.onnx: not a readable ONNX model (the protobuf is malformed or truncated: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> read("format: arrayflow-workload/1\n".getBytes(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("t.onnx: not a");
        assertThatThrownBy(() -> read(new byte[0], Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.onnx: not an ONNX model (no IR version or no graph with nodes; is it truncated?)");
    }

    @Test
    void weightsStoredAsExternalDataAreKnownByTheirDimsAlone() {
        // a 64 x 32 weight whose data lives in another file (data_location EXTERNAL, external_data entries)
        byte[] external = OnnxWriter.msg(t -> {
            t.writeInt64(1, 64);
            t.writeInt64(1, 32);
            t.writeInt32(2, OnnxModel.FLOAT);
            t.writeString(8, "w");
            t.writeByteArray(13, OnnxWriter.msg(e -> {
                e.writeString(1, "location");
                e.writeString(2, "weights.bin");
            }));
            t.writeEnum(14, 1);
        });
        byte[] m = new OnnxWriter().input("x", 2L, 64L).output("y")
                .node("Constant", "w_c", names(), names("w"), "value", external)
                .node("MatMul", "fc", names("x", "w"), names("y"))
                .bytes();
        Network n = read(m, Map.of());
        assertThat(n.weights()).isEqualTo(64 * 32);
        assertThat(n.macs()).isEqualTo(2L * 64 * 32);
    }

    @Test
    void everyTruncationAndByteFlipIsImportedOrOneConfigException() {
        byte[] good = smallCnn();
        java.util.Random random = new java.util.Random(14);
        for (int k = 0; k < good.length + 400; k++) {
            byte[] bad;
            if (k < good.length) {
                bad = Arrays.copyOf(good, k);
            } else {
                bad = good.clone();
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            try {
                read(bad, Map.of());
            } catch (ConfigException e) {
                assertThat(e.getMessage()).as("case " + k).startsWith("t.onnx: ").doesNotContain("\n");
            }
        }
    }

    @Test
    void aNodeMissingAnAttributeIsNamed() {
        byte[] m = new OnnxWriter().input("x", 1L, 4L, 8L, 8L).output("y")
                .node("MaxPool", "pool", names("x"), names("y"))
                .bytes();
        // and an attribute of the wrong kind, read by no check of its own, is still one line naming the node
        byte[] odd = new OnnxWriter().input("x", 1L, 4L, 8L, 8L).output("y")
                .node("MaxPool", "pool", names("x"), names("y"), "kernel_shape", new long[] {2, 2}, "strides", 0L)
                .bytes();
        assertThatThrownBy(() -> read(odd, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("t.onnx: node 'pool' (MaxPool): ");
        assertThatThrownBy(() -> read(m, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.onnx: node 'pool' (MaxPool): has no kernel_shape attribute, which a pooling node needs");
    }
}
