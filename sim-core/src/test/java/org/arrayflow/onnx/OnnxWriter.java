package org.arrayflow.onnx;

import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ONNX models for tests with protobuf-java's {@link CodedOutputStream}, by the ONNX IR's field
 * numbers (the same ones {@link OnnxWire} reads), so tests can state a graph in a few lines.
 */
final class OnnxWriter {
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> inits = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private long opset = 17;

    OnnxWriter opset(long v) {
        opset = v;
        return this;
    }

    /** A graph input; a dim is a Long (fixed) or a String (symbolic). */
    OnnxWriter input(String name, Object... dims) {
        inputs.add(valueInfo(name, OnnxModel.FLOAT, dims));
        return this;
    }

    OnnxWriter inputOfType(String name, int type, Object... dims) {
        inputs.add(valueInfo(name, type, dims));
        return this;
    }

    OnnxWriter output(String name) {
        outputs.add(valueInfo(name, OnnxModel.FLOAT));
        return this;
    }

    /** An initializer of floats known by its dims only (raw data of zeros is written when small). */
    OnnxWriter weight(String name, long... dims) {
        inits.add(tensor(name, OnnxModel.FLOAT, dims, null, true));
        return this;
    }

    /** An int64 initializer with values (shapes, axes, indices). */
    OnnxWriter ints(String name, long[] dims, long... values) {
        inits.add(tensor(name, OnnxModel.INT64, dims, values, false));
        return this;
    }

    /** A node; attributes are given as name, value pairs (Long, long[], Float, String). */
    OnnxWriter node(String op, String name, String[] in, String[] out, Object... attrs) {
        nodes.add(msg(o -> {
            for (String s : in) {
                o.writeString(1, s);
            }
            for (String s : out) {
                o.writeString(2, s);
            }
            o.writeString(3, name);
            o.writeString(4, op);
            for (int i = 0; i < attrs.length; i += 2) {
                String key = (String) attrs[i];
                Object v = attrs[i + 1];
                o.writeByteArray(5, msg(a -> {
                    a.writeString(1, key);
                    if (v instanceof Long l) {
                        a.writeInt64(3, l);
                        a.writeInt32(20, 2);
                    } else if (v instanceof Float f) {
                        a.writeFloat(2, f);
                        a.writeInt32(20, 1);
                    } else if (v instanceof String s) {
                        a.writeBytes(4, com.google.protobuf.ByteString.copyFromUtf8(s));
                        a.writeInt32(20, 3);
                    } else if (v instanceof long[] ls) {
                        for (long x : ls) {
                            a.writeInt64(8, x);
                        }
                        a.writeInt32(20, 7);
                    } else if (v instanceof byte[] t) {
                        a.writeByteArray(5, t);
                        a.writeInt32(20, 4);
                    }
                }));
            }
        }));
        return this;
    }

    static String[] names(String... s) {
        return s;
    }

    byte[] bytes() {
        byte[] graph = msg(g -> {
            for (byte[] n : nodes) {
                g.writeByteArray(1, n);
            }
            g.writeString(2, "test-graph");
            for (byte[] t : inits) {
                g.writeByteArray(5, t);
            }
            for (byte[] v : inputs) {
                g.writeByteArray(11, v);
            }
            for (byte[] v : outputs) {
                g.writeByteArray(12, v);
            }
        });
        return msg(m -> {
            m.writeInt64(1, 8);
            m.writeString(2, "arrayflow-test");
            m.writeByteArray(7, graph);
            m.writeByteArray(8, msg(o -> {
                o.writeString(1, "");
                o.writeInt64(2, opset);
            }));
        });
    }

    /** A TensorProto (for Constant nodes' value attribute too). */
    static byte[] tensor(String name, int type, long[] dims, long[] values, boolean zeros) {
        return msg(t -> {
            for (long d : dims) {
                t.writeInt64(1, d);
            }
            t.writeInt32(2, type);
            t.writeString(8, name);
            if (values != null) {
                for (long v : values) {
                    t.writeInt64(7, v);
                }
            } else if (zeros) {
                long n = 1;
                for (long d : dims) {
                    n *= d;
                }
                t.writeByteArray(9, new byte[(int) (n * 4)]);
            }
        });
    }

    /** A float TensorProto with values (float_data). */
    static byte[] floats(String name, long[] dims, float... values) {
        return msg(t -> {
            for (long d : dims) {
                t.writeInt64(1, d);
            }
            t.writeInt32(2, OnnxModel.FLOAT);
            t.writeString(8, name);
            for (float v : values) {
                t.writeFloat(4, v);
            }
        });
    }

    private static byte[] valueInfo(String name, int type, Object... dims) {
        return msg(v -> {
            v.writeString(1, name);
            v.writeByteArray(2, msg(tp -> tp.writeByteArray(1, msg(tt -> {
                tt.writeInt32(1, type);
                tt.writeByteArray(2, msg(sh -> {
                    for (Object d : dims) {
                        sh.writeByteArray(1, msg(dim -> {
                            if (d instanceof String s) {
                                dim.writeString(2, s);
                            } else {
                                dim.writeInt64(1, ((Number) d).longValue());
                            }
                        }));
                    }
                }));
            }))));
        });
    }

    interface Body {
        void write(CodedOutputStream o) throws IOException;
    }

    static byte[] msg(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream o = CodedOutputStream.newInstance(bytes);
            body.write(o);
            o.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
