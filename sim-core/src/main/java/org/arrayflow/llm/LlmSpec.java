package org.arrayflow.llm;

import org.arrayflow.config.Position;
import org.arrayflow.tensor.Datatype;

/**
 * An LLM workload: the model, and the inference to simulate: a prompt of {@code prompt} tokens (prefill), then
 * {@code generate} tokens one step at a time (decode), for {@code batch} sequences at once.
 *
 * @param causal       whether prefill attention computes the whole score matrix (the mask applied at the softmax)
 *                     or skips the masked blocks
 * @param causalBlock  with {@link Causal#SKIP}: the query and key block, in tokens; a block of queries multiplies
 *                     the keys up to its own last token, so the work is the block-triangular part of the matrix
 * @param weights      datatype of the weights, null for the architecture's word
 * @param activations  datatype of activations, null for the architecture's word
 * @param kvCache      datatype of the KV cache, null for the architecture's word
 * @param where        the file's {@code model:} key, where a network too large to count is reported; null for none
 */
public record LlmSpec(LlmConfig model, int prompt, int generate, int batch, Causal causal, int causalBlock,
                      Datatype weights, Datatype activations, Datatype kvCache, Position where) {

    /** How prefill treats the causal mask. */
    public enum Causal {
        FULL("full"), SKIP("skip");

        private final String yamlName;

        Causal(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static Causal fromYaml(String s) {
            for (Causal c : values()) {
                if (c.yamlName.equals(s)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** This spec with a prompt, output length and batch replaced where given (&gt; 0). */
    public LlmSpec with(int newPrompt, int newGenerate, int newBatch) {
        return new LlmSpec(model, newPrompt > 0 ? newPrompt : prompt, newGenerate > 0 ? newGenerate : generate,
                newBatch > 0 ? newBatch : batch, causal, causalBlock, weights, activations, kvCache, where);
    }

    /** A one-line error about the model at {@link #where} (or without a position). */
    public RuntimeException error(String problem) {
        if (where == null) {
            return new IllegalArgumentException(problem);
        }
        return where.error(problem);
    }

    /** The KV length of the last decode step: every prompt token and every generated one but the last's successor. */
    public long lastKvLength() {
        return (long) prompt + generate;
    }
}
