package org.arrayflow.cli;

import com.google.protobuf.CodedOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --workload model.onnx} from the command line: bad models exit 2 with one line; --dim and --unsupported. */
class OnnxCommandTest {
    @TempDir
    Path dir;

    interface Body {
        void write(CodedOutputStream o) throws IOException;
    }

    private static byte[] msg(Body b) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(bytes);
        b.write(o);
        o.flush();
        return bytes.toByteArray();
    }

    /** x [batch, 16] -> {op} -> MatMul by w [16, 8] (ONNX field numbers as the importer reads them). */
    private static byte[] model(String op) throws IOException {
        return model(op, false);
    }

    /** {@link #model(String)}, with the batch fixed at 2 when {@code fixed}. */
    private static byte[] model(String op, boolean fixed) throws IOException {
        byte[] dims = msg(s -> {
            s.writeByteArray(1, msg(d -> {
                if (fixed) {
                    d.writeInt64(1, 2);
                } else {
                    d.writeString(2, "batch");
                }
            }));
            s.writeByteArray(1, msg(d -> d.writeInt64(1, 16)));
        });
        byte[] input = msg(v -> {
            v.writeString(1, "x");
            v.writeByteArray(2, msg(t -> t.writeByteArray(1, msg(tt -> {
                tt.writeInt32(1, 1);
                tt.writeByteArray(2, dims);
            }))));
        });
        byte[] weight = msg(t -> {
            t.writeInt64(1, 16);
            t.writeInt64(1, 8);
            t.writeInt32(2, 1);
            t.writeString(8, "w");
        });
        byte[] graph = msg(g -> {
            g.writeByteArray(1, msg(n -> {
                n.writeString(1, "x");
                n.writeString(2, "a");
                n.writeString(3, "first");
                n.writeString(4, op);
            }));
            g.writeByteArray(1, msg(n -> {
                n.writeString(1, "a");
                n.writeString(1, "w");
                n.writeString(2, "y");
                n.writeString(3, "proj");
                n.writeString(4, "MatMul");
            }));
            g.writeByteArray(5, weight);
            g.writeByteArray(11, input);
        });
        return msg(m -> {
            m.writeInt64(1, 8);
            m.writeByteArray(7, graph);
            m.writeByteArray(8, msg(o -> o.writeInt64(2, 17)));
        });
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void aModelRunsWithItsSymbolicDimensionGiven() throws IOException {
        Path m = file("m.onnx", model("Relu"));
        CliRun r = CliRun.of("check", m.toString(), "--dim", "batch=4");
        assertThat(r.status()).as(r.err()).isZero();
        // proj: 4 images x 16 x 8
        assertThat(r.out()).contains("ONNX model, workload 'm', 2 layers, 512 MACs, 128 weights at batch 4");
        CliRun run = CliRun.of("run", "--arch", "tpu-v1", "--workload", m.toString(), "--dim", "batch=4", "--out",
                dir.resolve("out").toString(), "--no-charts", "--json");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("2 ONNX nodes -> 2 layers");
        assertThat(Files.readString(dir.resolve("out/result.json"))).contains("# ONNX model ");
    }

    /** {@code serve} runs a model at the request's dims, keeps it while the file is unchanged, and names a missing dim. */
    @Test
    void serveRunsAModelAtTheRequestsDimensions() throws IOException {
        Path m = file("m.onnx", model("Relu"));
        ServeSession s = new ServeSession();
        String run = "{\"op\": \"run\", \"arch\": \"tpu-v1\", \"workload\": \"" + m + "\", \"dims\": {\"batch\": %d}}";
        // proj: batch x 16 x 8 MACs
        assertThat(s.answer(String.format(run, 4))).contains("\"ok\":true").contains("\"macs\":512");
        assertThat(s.answer(String.format(run, 3))).contains("\"macs\":384");
        assertThat(s.answer(run.replace(", \"dims\": {\"batch\": %d}", ""))).contains("\"ok\":false")
                .contains("give its value with --dim batch=N");
    }

    @Test
    void aMissingDimensionIsNamed() throws IOException {
        Path m = file("m.onnx", model("Relu"));
        CliRun r = CliRun.of("run", "--arch", "tpu-v1", "--workload", m.toString(), "--out",
                dir.resolve("out").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(m + ": input 'x' has the symbolic dimension 'batch' (axis 0); give its "
                + "value with --dim batch=N");
    }

    @Test
    void anUnsupportedOpExits2UnlessRunAsVector() throws IOException {
        Path m = file("m.onnx", model("Hardmax"));
        CliRun r = CliRun.of("check", m.toString(), "--dim", "batch=1");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(m + ": unsupported ONNX op 'Hardmax' at node 'first' (1 node of that "
                + "type); --unsupported as-vector runs such ops as element-wise work");
        CliRun v = CliRun.of("run", "--arch", "tpu-v1", "--workload", m.toString(), "--dim", "batch=1",
                "--unsupported", "as-vector", "--out", dir.resolve("out").toString(), "--no-charts");
        assertThat(v.status()).as(v.err()).isZero();
        assertThat(v.err()).contains(m + ": warning: 1 Hardmax node (not supported) run as element-wise work");
    }

    @Test
    void truncatedAndForeignFilesExit2WithOneLine() throws IOException {
        byte[] good = model("Relu");
        for (Path p : new Path[] {file("cut.onnx", Arrays.copyOf(good, good.length - 7)),
                file("text.onnx", "format: arrayflow-workload/1\n".getBytes())}) {
            CliRun r = CliRun.of("run", "--arch", "tpu-v1", "--workload", p.toString(), "--dim", "batch=1", "--out",
                    dir.resolve("out").toString());
            assertThat(r.status()).as(p.toString()).isEqualTo(2);
            assertThat(r.err().strip()).startsWith(p + ": not a").doesNotContain("\n").doesNotContain("Exception");
        }
        CliRun bad = CliRun.of("check", file("m.onnx", good).toString(), "--dim", "batch=0");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("--dim: 'batch=0' must be NAME=N");
    }

    @Test
    void aSweepTakesAModelWithFixedDimensionsBesideIt() throws IOException {
        file("fixed.onnx", model("Relu", true));
        Path sweep = dir.resolve("s.yaml");
        Files.writeString(sweep, """
                format: arrayflow-sweep/1
                name: s
                arch: tpu-v1
                workloads: [fixed.onnx]
                grid:
                  memory.dram.bandwidth_gb_s: [17, 34]
                """);
        CliRun r = CliRun.of("check", sweep.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("sweep 's', 2 points over 1 axes and 1 workload(s)");
    }
}
