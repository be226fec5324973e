package org.arrayflow.llm;

import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Causal skipping, grouped-query attention and experts, counted by hand on small models. */
class LlmShapesTest {
    /** A small model: hidden 64, 4 heads of 16, 2 KV heads, FFN 128. */
    private static LlmSpec small(String extraModel, String run) {
        String text = String.join("\n", "format: arrayflow-llm/1", "name: small", "model:", "  layers: 2",
                "  hidden: 64", "  heads: 4", "  kv_heads: 2", "  ffn: 128", "  vocab: 100", extraModel,
                "run: {" + run + "}", "");
        return LlmReader.parse("small.yaml", text);
    }

    private static long macs(Network n, String contains) {
        long m = 0;
        for (Layer l : n.layers()) {
            m += l.name().contains(contains) ? l.macs() : 0;
        }
        return m;
    }

    @Test
    void causalSkipComputesTheBlockTriangle() {
        // 10 tokens in blocks of 4: query blocks of 4, 4, 2 against 4, 8, 10 keys = 16 + 32 + 20 = 68 query-key
        // pairs per head (of 100 in full); each pair is 16 MACs (head_dim) in scores and 16 in context; 4 heads
        // and 2 layers
        LlmSpec skip = small("", "prompt: 10, generate: 1, causal: skip, causal_block: 4");
        Network n = LlmNetworks.prefill(skip, "small");
        assertThat(macs(n, "scores")).isEqualTo(68L * 16 * 4 * 2);
        assertThat(macs(n, "context")).isEqualTo(68L * 16 * 4 * 2);
        LlmSpec full = small("", "prompt: 10, generate: 1");
        assertThat(macs(LlmNetworks.prefill(full, "small"), "scores")).isEqualTo(100L * 16 * 4 * 2);
    }

    @Test
    void groupedQueryAttentionReadsEachKvHeadOnce() {
        // 2 KV heads serve 2 query heads each: scores are a product per KV head of (2 heads x 1 token) rows of 16
        // by 16 x L keys, so the second operand (the cache) is 2 x 16 x L values, half of the queries' 4 x 16
        LlmSpec spec = small("", "prompt: 30, generate: 10");
        Network step = LlmNetworks.decodeStep(spec, 33, "small");
        Layer scores = step.layer("l0_scores");
        assertThat(scores.problem().g()).isEqualTo(2);
        assertThat(scores.inputShapes().get(1).elements()).isEqualTo(2L * 16 * 33);
        assertThat(scores.macs()).isEqualTo(4L * 16 * 33);
        assertThat(step.layer("l0_k").output().channels()).isEqualTo(32);
    }

    @Test
    void expertsSpreadTokensEvenly() {
        // 8 experts, top-2, GELU FFN of 2 x 64 x 128 = 16,384 weights each. Prefill of 8 tokens: 16 assignments,
        // 2 tokens to every expert: 16 x 16,384 MACs. A decode step of batch 3: 6 assignments to 6 experts,
        // one token each: 6 x 16,384, and the weights of only those 6 experts are read
        LlmSpec spec = small("  experts: 8\n  top_k: 2", "prompt: 8, generate: 4, batch: 1");
        Network pre = LlmNetworks.prefill(spec, "small");
        assertThat(macs(pre, "l0_e")).isEqualTo(16L * 16_384);
        assertThat(pre.layer("l0_e7_up").input().width()).isEqualTo(2);
        Network step = LlmNetworks.decodeStep(spec.with(0, 0, 3), 9, "small");
        assertThat(macs(step, "l0_e")).isEqualTo(6L * 16_384);
        assertThat(step.layers().stream().filter(l -> l.name().startsWith("l0_e")).mapToLong(Layer::weights).sum())
                .isEqualTo(6L * 16_384);
        // a batch-1 step multiplies by exactly the active weights (router and top-2 experts included)
        Network one = LlmNetworks.decodeStep(spec, 9, "small");
        assertThat(one.macs() - one.layer("lm_head").macs() - macs(one, "scores") - macs(one, "context"))
                .isEqualTo(spec.model().activeMatrixWeights());
    }
}
