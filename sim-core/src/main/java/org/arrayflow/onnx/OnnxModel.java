package org.arrayflow.onnx;

import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model the importer reads, as plain values: the graph's nodes, its initializers (dims
 * always; values only when small enough to matter for shape computation), and its inputs and outputs with
 * their (possibly symbolic) dimensions. Written for this project from the ONNX IR's field meanings.
 */
public final class OnnxModel {
    private OnnxModel() {}

    /** ONNX's element types (TensorProto.DataType numbers) the importer names. */
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int BOOL = 9;
    public static final int FLOAT16 = 10;
    public static final int DOUBLE = 11;
    public static final int BFLOAT16 = 16;

    /** A model: its IR version, the default domain's opset, and its main graph. */
    public record Model(long irVersion, long opset, String producer, Graph graph) {}

    /** A graph: nodes in file order, initializers by name, declared inputs and outputs. */
    public record Graph(String name, List<Node> nodes, Map<String, TensorData> initializers, List<ValueInfo> inputs,
                        List<ValueInfo> outputs) {}

    /** One operator application; empty input names are omitted optional inputs. */
    public record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       Map<String, Attribute> attributes) {

        public Attribute attr(String key) {
            return attributes.get(key);
        }

        public long intAttr(String key, long dflt) {
            Attribute a = attributes.get(key);
            return a == null ? dflt : a.i();
        }

        public float floatAttr(String key, float dflt) {
            Attribute a = attributes.get(key);
            return a == null ? dflt : a.f();
        }

        public String stringAttr(String key, String dflt) {
            Attribute a = attributes.get(key);
            return a == null ? dflt : a.s();
        }

        public long[] intsAttr(String key) {
            Attribute a = attributes.get(key);
            return a == null ? null : a.ints();
        }

        /** The i-th input's name, or "" when absent. */
        public String input(int i) {
            return i < inputs.size() ? inputs.get(i) : "";
        }
    }

    /** An attribute: a scalar, a list, or a tensor (for Constant and ConstantOfShape). */
    public record Attribute(String name, float f, long i, String s, long[] ints, float[] floats, TensorData t) {}

    /**
     * A tensor stored in the file: element type, dims, and its values when they were read (integers in
     * {@code ints}, floating point in {@code floats}), else both null (large weights, external data).
     */
    public record TensorData(String name, int dataType, long[] dims, long[] ints, double[] floats, boolean external) {

        public long elements() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }
    }

    /** A graph input or output: element type and dims, each fixed ({@code value}) or named ({@code param}). */
    public record ValueInfo(String name, int elemType, List<Dim> dims) {}

    /** One dimension of a declared shape: a number, a symbol, or neither (unknown). */
    public record Dim(long value, String param) {}
}
