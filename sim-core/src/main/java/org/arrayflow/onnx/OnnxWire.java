package org.arrayflow.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import org.arrayflow.onnx.OnnxModel.Attribute;
import org.arrayflow.onnx.OnnxModel.Dim;
import org.arrayflow.onnx.OnnxModel.Graph;
import org.arrayflow.onnx.OnnxModel.Model;
import org.arrayflow.onnx.OnnxModel.Node;
import org.arrayflow.onnx.OnnxModel.TensorData;
import org.arrayflow.onnx.OnnxModel.ValueInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an ONNX file's protobuf wire format with protobuf-java's {@link CodedInputStream}, message by message,
 * keeping only what {@link OnnxModel} holds. Field numbers are those of the ONNX IR (ModelProto, GraphProto,
 * NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto). Tensor values are
 * kept only up to {@link #MAX_VALUES} elements: weights are known by their dims, and only small constants feed
 * shape computation. Weights stored outside the file (external data) are never opened.
 */
final class OnnxWire {
    /** Largest tensor whose values are decoded (shape constants are tiny; weights are skipped). */
    static final int MAX_VALUES = 1 << 16;

    private OnnxWire() {}

    /** The model in {@code bytes}; malformed protobuf throws an {@link IOException} from the library. */
    static Model model(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.setRecursionLimit(64);
        in.setSizeLimit(Integer.MAX_VALUE);
        long ir = 0;
        long opset = -1;
        String producer = "";
        Graph graph = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> ir = in.readInt64();
                case 2 -> producer = in.readString();
                case 7 -> graph = nested(in, () -> graph(in));
                case 8 -> {
                    long[] o = nested(in, () -> opsetId(in));
                    if (o[0] == 0) {
                        opset = o[1];
                    }
                }
                default -> in.skipField(tag);
            }
        }
        return new Model(ir, opset, producer, graph);
    }

    /** An opset id: {0 when the domain is ONNX's default ("" or "ai.onnx"), version}. */
    private static long[] opsetId(CodedInputStream in) throws IOException {
        String domain = "";
        long version = 0;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> domain = in.readString();
                case 2 -> version = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        return new long[] {domain.isEmpty() || domain.equals("ai.onnx") ? 0 : 1, version};
    }

    private static Graph graph(CodedInputStream in) throws IOException {
        String name = "";
        List<Node> nodes = new ArrayList<>();
        Map<String, TensorData> inits = new LinkedHashMap<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> nodes.add(nested(in, () -> node(in)));
                case 2 -> name = in.readString();
                case 5 -> {
                    TensorData t = nested(in, () -> tensor(in));
                    inits.put(t.name(), t);
                }
                case 11 -> inputs.add(nested(in, () -> valueInfo(in)));
                case 12 -> outputs.add(nested(in, () -> valueInfo(in)));
                default -> in.skipField(tag);
            }
        }
        return new Graph(name, nodes, inits, inputs, outputs);
    }

    private static Node node(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readString());
                case 2 -> outputs.add(in.readString());
                case 3 -> name = in.readString();
                case 4 -> op = in.readString();
                case 5 -> {
                    Attribute a = nested(in, () -> attribute(in));
                    attrs.put(a.name(), a);
                }
                case 7 -> domain = in.readString();
                default -> in.skipField(tag);
            }
        }
        return new Node(name, op, domain, inputs, outputs, attrs);
    }

    private static Attribute attribute(CodedInputStream in) throws IOException {
        String name = "";
        float f = 0;
        long i = 0;
        String s = null;
        List<Long> ints = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        TensorData t = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            int wire = WireFormat.getTagWireType(tag);
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readString();
                case 2 -> f = in.readFloat();
                case 3 -> i = in.readInt64();
                case 4 -> s = in.readBytes().toStringUtf8();
                case 5 -> t = nested(in, () -> tensor(in));
                case 7 -> readFloats(in, wire, floats);
                case 8 -> readLongs(in, wire, ints);
                default -> in.skipField(tag);
            }
        }
        float[] fl = new float[floats.size()];
        for (int k = 0; k < fl.length; k++) {
            fl[k] = floats.get(k);
        }
        return new Attribute(name, f, i, s, ints.stream().mapToLong(Long::longValue).toArray(), fl, t);
    }

    private static TensorData tensor(CodedInputStream in) throws IOException {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = "";
        byte[] raw = null;
        boolean rawSkipped = false;
        boolean external = false;
        List<Long> ints = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            int wire = WireFormat.getTagWireType(tag);
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> readLongs(in, wire, dims);
                case 2 -> type = in.readInt32();
                case 4 -> readFloats(in, wire, floats);
                case 5, 7, 11 -> readLongs(in, wire, ints);
                case 8 -> name = in.readString();
                case 9 -> {
                    int size = in.readRawVarint32();
                    if (size <= MAX_VALUES * 8) {
                        raw = in.readRawBytes(size);
                    } else {
                        in.skipRawBytes(size);
                        rawSkipped = true;
                    }
                }
                case 10 -> {
                    List<Long> bits = new ArrayList<>();
                    readDoubleBits(in, wire, bits);
                    bits.forEach(b -> floats.add((float) Double.longBitsToDouble(b)));
                }
                case 13 -> {
                    in.skipField(tag);
                    external = true;
                }
                case 14 -> external |= in.readEnum() == 1;
                default -> in.skipField(tag);
            }
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        TensorData shell = new TensorData(name, type, d, null, null, external);
        if (external || rawSkipped || shell.elements() > MAX_VALUES || shell.elements() < 0) {
            return shell;
        }
        if (raw != null) {
            return decodeRaw(shell, raw);
        }
        if (isFloat(type)) {
            double[] v = new double[floats.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = floats.get(k);
            }
            if (type == OnnxModel.FLOAT16 || type == OnnxModel.BFLOAT16) { // stored as bit patterns in int32_data
                v = new double[ints.size()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = half(ints.get(k).intValue(), type);
                }
            }
            return v.length == shell.elements() ? new TensorData(name, type, d, null, v, false) : shell;
        }
        long[] v = ints.stream().mapToLong(Long::longValue).toArray();
        return v.length == shell.elements() ? new TensorData(name, type, d, v, null, false) : shell;
    }

    static boolean isFloat(int type) {
        return type == OnnxModel.FLOAT || type == OnnxModel.DOUBLE || type == OnnxModel.FLOAT16
                || type == OnnxModel.BFLOAT16;
    }

    /** Little-endian raw values of the common element types; others keep their dims only. */
    private static TensorData decodeRaw(TensorData t, byte[] raw) {
        int n = (int) t.elements();
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int width = switch (t.dataType()) {
            case OnnxModel.FLOAT, OnnxModel.INT32, 12 -> 4;
            case OnnxModel.DOUBLE, OnnxModel.INT64, 13 -> 8;
            case OnnxModel.FLOAT16, OnnxModel.BFLOAT16, 4, 5 -> 2;
            case OnnxModel.INT8, OnnxModel.UINT8, OnnxModel.BOOL -> 1;
            default -> 0;
        };
        if (width == 0 || raw.length != (long) n * width) {
            return t;
        }
        if (isFloat(t.dataType())) {
            double[] v = new double[n];
            for (int k = 0; k < n; k++) {
                v[k] = switch (t.dataType()) {
                    case OnnxModel.FLOAT -> b.getFloat();
                    case OnnxModel.DOUBLE -> b.getDouble();
                    default -> half(b.getShort() & 0xffff, t.dataType());
                };
            }
            return new TensorData(t.name(), t.dataType(), t.dims(), null, v, false);
        }
        long[] v = new long[n];
        for (int k = 0; k < n; k++) {
            v[k] = switch (t.dataType()) {
                case OnnxModel.INT32 -> b.getInt();
                case 12 -> b.getInt() & 0xffffffffL;
                case OnnxModel.INT64, 13 -> b.getLong();
                case 4 -> b.getShort() & 0xffff;
                case 5 -> b.getShort();
                case OnnxModel.INT8 -> b.get();
                default -> b.get() & 0xff;
            };
        }
        return new TensorData(t.name(), t.dataType(), t.dims(), v, null, false);
    }

    /** An IEEE half or a bfloat16 from its 16 bits. */
    private static double half(int bits, int type) {
        if (type == OnnxModel.BFLOAT16) {
            return Float.intBitsToFloat(bits << 16);
        }
        int sign = (bits >> 15) & 1;
        int exp = (bits >> 10) & 0x1f;
        int frac = bits & 0x3ff;
        double v = exp == 0 ? frac * Math.pow(2, -24) : exp == 31 ? (frac == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                : (1 + frac / 1024.0) * Math.pow(2, exp - 15);
        return sign == 1 ? -v : v;
    }

    private static ValueInfo valueInfo(CodedInputStream in) throws IOException {
        String name = "";
        Object[] type = {0, List.<Dim>of()};
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readString();
                case 2 -> type = nested(in, () -> typeProto(in));
                default -> in.skipField(tag);
            }
        }
        @SuppressWarnings("unchecked")
        List<Dim> dims = (List<Dim>) type[1];
        return new ValueInfo(name, (Integer) type[0], dims);
    }

    /** A TypeProto's tensor type as {element type, dims}; other types give {0, no dims}. */
    private static Object[] typeProto(CodedInputStream in) throws IOException {
        Object[] out = {0, List.<Dim>of()};
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                out = nested(in, () -> tensorType(in));
            } else {
                in.skipField(tag);
            }
        }
        return out;
    }

    private static Object[] tensorType(CodedInputStream in) throws IOException {
        int elem = 0;
        List<Dim> dims = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> elem = in.readInt32();
                case 2 -> dims = nested(in, () -> shape(in));
                default -> in.skipField(tag);
            }
        }
        return new Object[] {elem, dims};
    }

    private static List<Dim> shape(CodedInputStream in) throws IOException {
        List<Dim> dims = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                dims.add(nested(in, () -> dim(in)));
            } else {
                in.skipField(tag);
            }
        }
        return dims;
    }

    private static Dim dim(CodedInputStream in) throws IOException {
        long value = -1;
        String param = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> value = in.readInt64();
                case 2 -> param = in.readString();
                default -> in.skipField(tag);
            }
        }
        return new Dim(value, param == null || param.isEmpty() ? null : param);
    }

    private static void readLongs(CodedInputStream in, int wire, List<Long> out) throws IOException {
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readInt64());
            }
            in.popLimit(limit);
        } else {
            out.add(in.readInt64());
        }
    }

    private static void readFloats(CodedInputStream in, int wire, List<Float> out) throws IOException {
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readFloat());
            }
            in.popLimit(limit);
        } else {
            out.add(in.readFloat());
        }
    }

    private static void readDoubleBits(CodedInputStream in, int wire, List<Long> out) throws IOException {
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readFixed64());
            }
            in.popLimit(limit);
        } else {
            out.add(in.readFixed64());
        }
    }

    private interface Reader<T> {
        T read() throws IOException;
    }

    /** A length-delimited sub-message read in place: the reader stops at the message's end. */
    private static <T> T nested(CodedInputStream in, Reader<T> reader) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        T value = reader.read();
        in.checkLastTagWas(0);
        in.popLimit(limit);
        return value;
    }
}
