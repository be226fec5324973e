package org.arrayflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extremes of issue 18 through {@code run}: each finishes with sane numbers (finite, cycles at least
 * MACs / PEs, MACs as the layers have) or with one line, exit 2, naming what is wrong. Memory stays bounded
 * by the per-layer bounds (TileProgram.MAX_TASKS, about 3 GB at most; FoldPlan.MAX_PLANNED folds planned a layer,
 * the rest repeated blocks).
 */
class ExtremesCommandTest {
    @TempDir
    static Path dir;

    /** A bundled architecture with the given lines replaced. */
    static String arch(String from, String... replacements) throws IOException {
        return edited("arch-configs", from, replacements);
    }

    /** A bundled workload with the given lines replaced. */
    static String workload(String from, String... replacements) throws IOException {
        return edited("workloads", from, replacements);
    }

    /** A copy of a bundled file of {@code folder}, each of whose given lines must be there, replaced. */
    private static String edited(String folder, String from, String... replacements) throws IOException {
        String s = Files.readString(OutputDigestTest.ROOT.resolve(folder).resolve(from + ".yaml"));
        for (int i = 0; i < replacements.length; i += 2) {
            assertThat(s).contains(replacements[i]);
            s = s.replace(replacements[i], replacements[i + 1]);
        }
        Path f = Files.createTempFile(dir, from, ".yaml");
        Files.writeString(f, s);
        return f.toString();
    }

    static String gemm(long m, long k, long n) throws IOException {
        Path f = Files.createTempFile(dir, "gemm", ".yaml");
        Files.writeString(f, String.join("\n", "format: arrayflow-workload/1", "name: g", "input: {channels: 1, height: 1, width: 1}",
                "layers:", "  - {name: g1, type: gemm, m: " + m + ", k: " + k + ", n: " + n + "}", ""));
        return f.toString();
    }

    /** name, arguments after "run", and the outcome: "ok", or the words the one-line error must hold. */
    static Stream<Arguments> cases() throws IOException {
        return Stream.of(
                Arguments.of("1x1 array", List.of("--arch", arch("systolic-32x32", "rows: 32, cols: 32", "rows: 1, cols: 1"),
                        "--workload", "alexnet"), "ok"),
                Arguments.of("1x1 array, small net", List.of("--arch", arch("systolic-32x32", "rows: 32, cols: 32",
                        "rows: 1, cols: 1"), "--workload", gemm(64, 64, 64)), "ok"),
                // tpu-v1 moves whole weight tiles: 16 MiB each against its 256 KiB weight FIFO, streamed in pieces
                // until a layer's stream (49 pixels in res5) is shorter than the pieces it needs
                Arguments.of("4096x4096 array", List.of("--arch", arch("tpu-v1", "rows: 256, cols: 256",
                        "rows: 4096, cols: 4096"), "--workload", "resnet50"),
                        "layer 'res5a_branch2b': buffers too small to stream one row of a fold on a 4096x4096 array"),
                Arguments.of("4096x4096 array, larger buffers", List.of("--arch", arch("tpu-v1", "rows: 256, cols: 256",
                        "rows: 4096, cols: 4096", "size_kib: 4096", "size_kib: 65536", "size_kib: 256 ", "size_kib: 65536 "),
                        "--workload", "resnet50"), "ok"),
                Arguments.of("batch 1024", List.of("--arch", "tpu-v1", "--workload", "alexnet", "--batch", "1024"), "ok"),
                // 3.8e9 folds: 391 stream chunks of 3,125 x 3,125 folds, a chunk repeated that holds a block repeated
                Arguments.of("1e5-cubed GEMM", List.of("--arch", "systolic-32x32", "--workload", gemm(100_000, 100_000,
                        100_000)), "ok"),
                // 8.8e12 MACs on 65,536 PEs: 134 M folds of one row, planned as a block of 36 repeated
                Arguments.of("FC layer of 2^31 - 1 outputs on tpu-v1", List.of("--arch", "tpu-v1", "--workload",
                        gemm(1, 4096, Integer.MAX_VALUE)), "ok"),
                // 1e15 MACs on 65,536 PEs; in each stream chunk the folds are a few blocks written and one repeated
                // the fuzzer's input 7400 (it took 35 s): conv layers of 2e5 to 9e5 folds whose stream chunks repeat
                // only every 3,025 chunks (conv1), a second conv group, and a row-major loop order of 1.6e6 columns
                Arguments.of("AlexNet at batch 65536 with an fc2 of 4.1e8 outputs on tpu-v1", List.of("--arch", "tpu-v1",
                        "--workload", workload("alexnet-eyeriss", "batch: 4", "batch: 65536",
                                "{name: fc2, type: fc, outputs: 4096}",
                                "{name: fc2, type: fc, outputs: 409600000}")), "ok"),
                Arguments.of("1e5-cubed GEMM on tpu-v1", List.of("--arch", "tpu-v1", "--workload", gemm(100_000, 100_000,
                        100_000)), "ok"),
                Arguments.of("1 KiB buffers", List.of("--arch", arch("systolic-32x32", "ifmap_sram: {size_kib: 64",
                        "ifmap_sram: {size_kib: 1", "filter_sram: {size_kib: 64", "filter_sram: {size_kib: 1",
                        "ofmap_sram: {size_kib: 64", "ofmap_sram: {size_kib: 1"), "--workload", "alexnet"),
                        "layer 'conv1': buffers too small to stream one row of a fold on a 32x32 array"),
                Arguments.of("1 KiB buffers, small layer", List.of("--arch", arch("systolic-32x32", "ifmap_sram: {size_kib: 64",
                        "ifmap_sram: {size_kib: 1", "filter_sram: {size_kib: 64", "filter_sram: {size_kib: 1",
                        "ofmap_sram: {size_kib: 64", "ofmap_sram: {size_kib: 1"), "--workload", gemm(64, 64, 64)), "ok"),
                Arguments.of("1e-9 GB/s", List.of("--arch", arch("systolic-32x32", "bandwidth_gb_s: 16",
                        "bandwidth_gb_s: 1e-9"), "--workload", "alexnet"), "bandwidth_gb_s: must be at least"),
                // found by the fuzzer: a channel array of 1e9 entries exhausted the heap before any check
                Arguments.of("1e9 DRAM channels", List.of("--arch", arch("systolic-32x32", "channels: 1,", "channels: 1000000000,"),
                        "--workload", "alexnet"), "memory.dram.channels: must be at most 1024"),
                Arguments.of("1-bit words", List.of("--arch", arch("systolic-32x32", "word_bits: 8", "word_bits: 1"),
                        "--workload", "alexnet"), "word_bits: must be at least 8"),
                Arguments.of("4096-bit words", List.of("--arch", arch("systolic-32x32", "word_bits: 8", "word_bits: 4096"),
                        "--workload", "alexnet"), "word_bits: must be at most 64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void finishesSanelyOrSaysWhy(String name, List<String> args, String expect) throws IOException {
        Path out = Files.createTempDirectory(dir, "out");
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(args);
        all.addAll(List.of("--no-charts", "--out", out.toString()));
        CliRun r = CliRun.of(all.toArray(String[]::new));
        if (!expect.equals("ok")) {
            assertThat(r.status()).as(r.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(r.err().strip()).doesNotContain("\n").contains(expect);
            return;
        }
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode t = new ObjectMapper().readTree(out.resolve("result.json").toFile()).get("totals");
        long macs = t.get("macs").asLong();
        assertThat(macs).isPositive();
        assertThat(t.get("total_cycles").asLong()).isGreaterThanOrEqualTo(macs / t.get("pe_count").asLong());
        assertThat(Double.isFinite(t.get("energy_j").asDouble())).isTrue();
        assertThat(t.get("energy_j").asDouble()).isPositive();
        assertThat(Files.readString(out.resolve("summary.csv"))).doesNotContain("Infinity").doesNotContain("NaN");
    }
}
