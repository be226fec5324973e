package org.arrayflow.llm;

import org.arrayflow.tensor.Datatype;

/**
 * A decoder-only transformer by its hyperparameters, and what follows from them by counting: parameters, the
 * weights a token's forward pass multiplies by, and the KV cache a token leaves behind.
 *
 * <p>A layer: norm, attention (queries {@code heads x headDim}, keys and values {@code kvHeads x headDim}: fewer
 * KV heads than heads is grouped-query attention, one is multi-query), output projection, residual add, norm, FFN
 * (GELU: up and down; SwiGLU: gate, up and down; with {@code experts > 1}, that many FFNs and a router, each token
 * going to {@code topK} of them), residual add. Then a final norm and the LM head (the unembedding, tied to the
 * token embedding or a matrix of its own).
 *
 * @param positions learned position embeddings (GPT-2, GPT-3: the context length); 0 for rotary (Llama)
 * @param bias      linear layers and norms have biases (GPT); Llama has none
 * @param rmsNorm   RMSNorm (a gain per feature) rather than LayerNorm (gain and bias)
 */
public record LlmConfig(String name, int layers, int hidden, int heads, int kvHeads, int headDim, int ffn,
                        FfnKind ffnKind, int vocab, int positions, int experts, int topK, boolean tiedEmbeddings,
                        boolean bias, boolean rmsNorm) {

    /** The FFN's form: two matrices with a GELU between, or three with a SiLU-gated product. */
    public enum FfnKind {
        GELU("gelu", 2), SWIGLU("swiglu", 3);

        private final String yamlName;
        private final int matrices;

        FfnKind(String yamlName, int matrices) {
            this.yamlName = yamlName;
            this.matrices = matrices;
        }

        public String yamlName() {
            return yamlName;
        }

        /** Weight matrices of hidden x ffn each. */
        public int matrices() {
            return matrices;
        }

        public static FfnKind fromYaml(String s) {
            for (FfnKind k : values()) {
                if (k.yamlName.equals(s)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** Features of the queries (and of the attention output): Kaplan et al.'s d_attn. */
    public long qDim() {
        return (long) heads * headDim;
    }

    /** Features of the keys, and of the values. */
    public long kvDim() {
        return (long) kvHeads * headDim;
    }

    /** Query heads per KV head. */
    public int group() {
        return heads / kvHeads;
    }

    /** Weights of one layer's attention: Q, K, V and output projections. */
    public long attentionWeights() {
        return hidden * qDim() + 2 * hidden * kvDim() + qDim() * hidden;
    }

    /** Weights of one FFN (one expert). */
    public long ffnWeights() {
        return (long) ffnKind.matrices() * hidden * ffn;
    }

    /** Weights of one layer's router (0 for a dense model). */
    public long routerWeights() {
        return experts > 1 ? (long) hidden * experts : 0;
    }

    /** Biases of one layer (0 without): every projection's outputs, every FFN matrix's outputs. */
    public long layerBiases() {
        if (!bias) {
            return 0;
        }
        long ffnOut = (long) (ffnKind.matrices() - 1) * ffn + hidden;
        return qDim() + 2 * kvDim() + hidden + experts * ffnOut;
    }

    /** Parameters of one norm: a gain per feature, and a bias for LayerNorm. */
    public long normParameters() {
        return rmsNorm ? hidden : 2L * hidden;
    }

    /** Parameters of one layer: its matrices, biases and two norms. */
    public long layerParameters() {
        return attentionWeights() + experts * ffnWeights() + routerWeights() + layerBiases() + 2 * normParameters();
    }

    /** Token embeddings and learned position embeddings. */
    public long embeddingParameters() {
        return ((long) vocab + positions) * hidden;
    }

    /** The LM head's own matrix: 0 when tied to the token embedding. */
    public long unembeddingParameters() {
        return tiedEmbeddings ? 0 : (long) vocab * hidden;
    }

    /** Every parameter: embeddings, layers, the final norm and an untied LM head. */
    public long parameters() {
        return Math.addExact(Math.addExact(embeddingParameters(), Math.multiplyExact(layers, layerParameters())),
                normParameters() + unembeddingParameters());
    }

    /**
     * The weights of the layers that one token's forward pass multiplies by: attention projections, the top-k
     * experts' FFNs and the router, in every layer. Kaplan et al.'s N (2020, Table 1: non-embedding, and
     * without biases and norms, which take no multiplies of note); the LM head is not in it.
     */
    public long activeMatrixWeights() {
        return (long) layers * (attentionWeights() + topK * ffnWeights() + routerWeights());
    }

    /** KV-cache elements per token: a key and a value vector of kvHeads x headDim in every layer. */
    public long kvElementsPerToken() {
        return 2L * layers * kvDim();
    }

    /** KV-cache bytes per token at {@code type}: 2 x layers x kvHeads x headDim x bytes per element. */
    public long kvBytesPerToken(Datatype type) {
        return type.bytes(kvElementsPerToken());
    }
}
