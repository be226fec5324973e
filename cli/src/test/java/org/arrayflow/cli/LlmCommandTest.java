package org.arrayflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An LLM workload through {@code run} and {@code check}: the phases table and phases.csv, and bad input as exit 2. */
class LlmCommandTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            format: arrayflow-llm/1
            name: small
            model:
              layers: 2
              hidden: 64
            """;

    @Test
    void headsThatDoNotDivideTheHiddenSize() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.yaml"), HEAD + "  heads: 5\n  ffn: 128\n  vocab: 100\n");
        CliRun.runOn32x32(f, dir.resolve("o")).assertOneLine(f + ":6:", "model.heads: 5 heads do not divide the hidden size of 64");
        CliRun.of("check", f.toString()).assertOneLine(f + ":6:", "model.heads");
    }

    @Test
    void kvHeadsThatDoNotDivideTheHeads() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.yaml"), HEAD + "  heads: 4\n  kv_heads: 3\n  ffn: 128\n"
                + "  vocab: 100\n");
        CliRun.runOn32x32(f, dir.resolve("o")).assertOneLine(f + ":7:", "model.kv_heads: 3 KV heads do not divide the 4 heads");
    }

    @Test
    void aModelTooLargeToCount() throws IOException {
        // 65,536 x 1,000,000 query features: a projection's outputs past an int, reported at the model's key
        Path f = Files.writeString(dir.resolve("big.yaml"), HEAD + "  heads: 64\n  head_dim: 1000000000\n"
                + "  ffn: 128\n  vocab: 100\n");
        CliRun.runOn32x32(f, dir.resolve("o")).assertOneLine(f + ":3:", "model: layer 'l0_q': outputs = 64000000000 exceeds 2147483647");
    }

    @Test
    void promptOptionOnAWorkloadThatIsNoLlm() {
        CliRun.of("run", "--arch", "tpu-v1", "--workload", "alexnet", "--prompt", "8", "--out",
                dir.resolve("o").toString()).assertOneLine("arrayflow run:", "prompt and generate apply to LLM workloads");
    }

    @Test
    void runWritesThePhases() throws IOException {
        Path f = Files.writeString(dir.resolve("small.yaml"), HEAD + "  heads: 4\n  kv_heads: 2\n  ffn: 128\n"
                + "  ffn_kind: swiglu\n  vocab: 100\nrun: {prompt: 16, generate: 8, batch: 2}\n");
        CliRun r = CliRun.runOn32x32(f, dir.resolve("o"), "--generate", "4");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("small: prompt 16, generate 4, batch 2").contains("time to first token");
        List<String> csv = Files.readAllLines(dir.resolve("o/phases.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("phase,tokens,batch,latency_s,");
        // 16 prompt tokens x batch 2; KV cache 2 x 2 layers x 2 KV heads x 16 x 1 byte = 128 bytes per token,
        // 20 positions x 2 sequences at the end of decode
        assertThat(csv.get(1)).startsWith("prefill,32,2,");
        assertThat(csv.get(2)).startsWith("decode,8,2,").contains(",word8,128,5120,");
        CliRun ok = CliRun.of("check", f.toString());
        assertThat(ok.out()).contains("LLM 'small'").contains("prefill of 16 tokens at batch 2");
    }
}
