package org.arrayflow.llm;

import org.arrayflow.config.Bundled;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The bundled LLMs counted against their published figures and against closed forms.
 *
 * <p>Parameters, derived by hand (h hidden, L layers, V vocabulary, f FFN size):
 * <ul>
 * <li>GPT-2: per layer 4h² + 4h (attention and biases) + 2hf + f + h (MLP) + 4h (two LayerNorms) = 7,087,872;
 *     x 12 = 85,054,464; embeddings (50,257 + 1,024) x 768 = 39,383,808; final LayerNorm 1,536; tied head:
 *     124,439,808 (published: 124M, Hugging Face).</li>
 * <li>GPT-3: per layer 12h² + 13h = 1,812,099,072; x 96 = 173,961,510,912; embeddings (50,257 + 2,048) x 12,288
 *     = 642,723,840; final 24,576: 174,604,259,328 (published: 175.0B, Brown et al. Table 2.1; 0.23 % below).</li>
 * <li>Llama-2-7B: per layer 4h² + 3hf + 2h = 202,383,360; x 32 = 6,476,267,520; embedding and head
 *     2 x 32,000 x 4,096 = 262,144,000; final 4,096: 6,738,415,616 (published 6.74B).</li>
 * <li>Llama-2-70B: attention 2h² + 2 x h x 1,024 = 150,994,944, FFN 3 x 8,192 x 28,672 = 704,643,072, norms
 *     16,384: 855,654,400 per layer; x 80 = 68,452,352,000; 2 x 32,000 x 8,192 = 524,288,000; final 8,192:
 *     68,976,648,192 (published 68.98B).</li>
 * <li>Llama-3-8B: attention 2h² + 2 x h x 1,024 = 41,943,040, FFN 3 x 4,096 x 14,336 = 176,160,768, norms
 *     8,192: 218,112,000 per layer; x 32 = 6,979,584,000; 2 x 128,256 x 4,096 = 1,050,673,152; final 4,096:
 *     8,030,261,248 (published 8.03B).</li>
 * <li>Mixtral-8x7B: attention 2h² + 2 x h x 1,024 = 41,943,040, 8 experts of 3 x 4,096 x 14,336 = 1,409,286,144,
 *     router 4,096 x 8 = 32,768, norms 8,192: 1,451,270,144 per layer; x 32 = 46,440,644,608; 2 x 32,000 x 4,096
 *     = 262,144,000; final 4,096: 46,702,792,704 (published 46.7B). Active per token (Kaplan's N, below): 32 x
 *     (41,943,040 + 2 x 176,160,768 + 32,768) = 12,617,515,008 matrix weights; with the embedding, head and
 *     norms, 12,879,925,248 (published 12.9B active).</li>
 * </ul>
 *
 * <p>FLOPs per token (Kaplan et al. 2020, Table 1): C_forward = 2N + 2·n_layer·n_ctx·d_attn, N the weights
 * of the layers' matrices (non-embedding; biases and norms, which take no multiplies, left out), d_attn the
 * query features (heads x head_dim). Kaplan's attention row is the score product Q·K^T over n_ctx keys; the
 * context product A·V costs as much again and has no row of its own there. So in a simulated decode step at KV
 * length n_ctx: 2 x the projections' and FFNs' MACs = 2N, 2 x the score products' MACs = 2·n_layer·n_ctx·d_attn,
 * and the context products' MACs equal the scores'; the LM head (Kaplan's de-embedding) is counted apart.
 */
class BundledLlmTest {
    static LlmSpec load(String name) {
        Bundled.Source s = Bundled.resolve(Bundled.WORKLOAD, name);
        return LlmReader.parse(s.displayName(), s.text());
    }

    @ParameterizedTest
    @CsvSource({
            "llm/gpt2, 124439808, 124e6",
            "llm/gpt3-175b, 174604259328, 175.0e9",
            "llm/llama-2-7b, 6738415616, 6.74e9",
            "llm/llama-2-70b, 68976648192, 68.98e9",
            "llm/llama-3-8b, 8030261248, 8.03e9",
            "llm/mixtral-8x7b, 46702792704, 46.7e9"})
    void parametersAsDerivedAndWithinOnePercentOfPublished(String name, long derived, double published) {
        LlmConfig m = load(name).model();
        assertThat(m.parameters()).isEqualTo(derived);
        assertThat((double) m.parameters()).isCloseTo(published, within(0.01 * published));
    }

    @ParameterizedTest
    @CsvSource({
            "llm/gpt2, 1024", "llm/gpt3-175b, 2048", "llm/llama-2-7b, 4096", "llm/llama-2-70b, 4096",
            "llm/llama-3-8b, 8192", "llm/mixtral-8x7b, 4096"})
    void forwardFlopsPerTokenAreKaplans(String name, long nCtx) {
        LlmSpec spec = load(name).with(1, 1, 1);
        LlmConfig m = spec.model();
        Network step = LlmNetworks.decodeStep(spec, nCtx, name);
        long projections = 0;
        long scores = 0;
        long context = 0;
        long head = 0;
        for (Layer l : step.layers()) {
            if (l.name().equals("lm_head")) {
                head += l.macs();
            } else if (l.kind() == LayerKind.LINEAR) {
                projections += l.macs();
            } else if (l.name().contains("scores")) {
                scores += l.macs();
            } else if (l.name().contains("context")) {
                context += l.macs();
            }
        }
        long n = m.activeMatrixWeights();
        long dAttn = (long) m.heads() * m.headDim();
        assertThat(2 * projections + 2 * scores).isEqualTo(2 * n + 2L * m.layers() * nCtx * dAttn);
        assertThat(2 * projections).isEqualTo(2 * n);
        assertThat(context).isEqualTo(scores);
        assertThat(head).isEqualTo((long) m.vocab() * m.hidden());
        assertThat(step.macs()).isEqualTo(n + 2L * m.layers() * nCtx * dAttn + head);
        if (m.ffnKind() == LlmConfig.FfnKind.GELU && m.kvHeads() == m.heads()) {
            // Kaplan's closed form for his models: N = 2·d_model·n_layer·(2·d_attn + d_ff)
            assertThat(n).isEqualTo(2L * m.hidden() * m.layers() * (2 * dAttn + m.ffn()));
        }
    }

    @ParameterizedTest
    @CsvSource({
            // 2 x layers x KV heads x head_dim x 2 bytes
            "llm/gpt2, 36864", "llm/gpt3-175b, 4718592", "llm/llama-2-7b, 524288", "llm/llama-2-70b, 327680",
            "llm/llama-3-8b, 131072", "llm/mixtral-8x7b, 131072"})
    void kvCacheBytesPerTokenAtFp16(String name, long bytes) {
        assertThat(load(name).model().kvBytesPerToken(Datatype.FP16)).isEqualTo(bytes);
    }

    @org.junit.jupiter.api.Test
    void llama2_70bKvCacheIs320KiBPerTokenAtFp16() {
        assertThat(load("llm/llama-2-70b").model().kvBytesPerToken(Datatype.FP16)).isEqualTo(320 * 1024);
    }

    /** Mixtral's active parameters per token: the matrices a token multiplies by, plus embedding, head and norms. */
    @org.junit.jupiter.api.Test
    void mixtralActiveParametersAreTheTopTwoExperts() {
        LlmConfig m = load("llm/mixtral-8x7b").model();
        assertThat(m.activeMatrixWeights()).isEqualTo(12_617_515_008L);
        long active = m.activeMatrixWeights() + m.layers() * 2 * m.normParameters() + m.normParameters()
                + m.embeddingParameters() + m.unembeddingParameters();
        assertThat(active).isEqualTo(12_879_925_248L);
        assertThat((double) active).isCloseTo(12.9e9, within(0.01 * 12.9e9));
    }
}
