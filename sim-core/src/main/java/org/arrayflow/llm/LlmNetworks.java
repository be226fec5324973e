package org.arrayflow.llm;

import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.tensor.TensorSpec;
import org.arrayflow.tensor.TensorSpecs;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerException;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Layers;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.Shape;
import org.arrayflow.workload.WorkloadFusion;
import org.arrayflow.workload.WorkloadLoader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The networks an LLM's inference runs, built with {@link Layers}: the prefill of the prompt, and one decode step
 * at a given KV length. Tensors are (features, 1, tokens) per sequence, as in the workload YAML.
 *
 * <p>Per layer: norm, Q/K/V projections, scores ({@code matmul}, transpose_b), softmax, context ({@code matmul}),
 * output projection, residual add, norm, FFN, residual add; then the final norm and the LM head on the last token
 * of each sequence (only it is needed to pick the next token). Grouped-query attention is written as a matmul
 * per KV head whose queries are the group's heads side by side ({@code group x tokens} rows of headDim), so each
 * key and value is read once per KV head, as a GQA kernel reads it. RMSNorm is costed as a layernorm (two passes);
 * a SwiGLU's gated product as an element-wise layer (one operation per element, like an add); GELU, SiLU, rotary
 * embedding, biases and the 1/sqrt(d) scale take no modelled time. The network's input is the token ids (1 x 1 x
 * tokens); the token embedding gathers each token's row of hidden values (and, for a model with learned positions,
 * the position embedding's row, added to it), reading only those rows, not the table.
 *
 * <p>The KV cache: in prefill, the K and V projections' outputs are the cache ({@link Network#held}); in a decode
 * step the scores and context products read the cache of every earlier position and this one (a tensor no layer
 * of the step produces, {@code l<i>_k_cache} and {@code l<i>_v_cache}), and the step's K and V projections write
 * the new position into it. The architecture's network plan keeps a cache on chip if it fits, else it streams.
 */
public final class LlmNetworks {
    private LlmNetworks() {}

    /** The prefill of {@code spec.prompt()} tokens for {@code spec.batch()} sequences. */
    public static Network prefill(LlmSpec spec, String source) {
        try {
            return buildPrefill(spec, source);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw spec.error(problem(e) + " (prefill of " + spec.prompt() + " tokens at batch " + spec.batch() + ")");
        }
    }

    /** One decode step: one new token per sequence, attending to {@code kvLength} positions (itself included). */
    public static Network decodeStep(LlmSpec spec, long kvLength, String source) {
        try {
            return buildDecodeStep(spec, kvLength, source);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw spec.error(problem(e) + " (decode step at " + kvLength + " positions, batch " + spec.batch()
                    + ")");
        }
    }

    /** A layer's own complaint (LayerException), or a dimension past an int. */
    private static String problem(RuntimeException e) {
        return e instanceof LayerException ? e.getMessage() : "a dimension of the model's layers exceeds "
                + Integer.MAX_VALUE;
    }

    private static Network buildPrefill(LlmSpec spec, String source) {
        int s = spec.prompt();
        Build b = new Build(spec, spec.batch());
        String x = embed(b, s);
        for (int i = 0; i < spec.model().layers(); i++) {
            x = layer(b, i, x, s, -1);
        }
        return b.network(spec.model().name() + " prefill " + s, source, new Shape(1, 1, s), x, s);
    }

    private static Network buildDecodeStep(LlmSpec spec, long kvLength, String source) {
        Build b = new Build(spec, spec.batch());
        String x = embed(b, 1);
        for (int i = 0; i < spec.model().layers(); i++) {
            x = layer(b, i, x, 1, (int) kvLength);
        }
        return b.network(spec.model().name() + " decode at " + kvLength, source, new Shape(1, 1, 1), x, 1);
    }

    /**
     * The hidden vectors of {@code t} tokens from their ids: the token embedding's rows, plus the position
     * embedding's where the model learns positions (GPT-2, GPT-3; rotary models have none). The rows are the
     * tables' values, at the weights' datatype.
     */
    private static String embed(Build b, int t) {
        LlmConfig m = b.spec.model();
        Shape ids = new Shape(1, 1, t);
        Shape hid = new Shape(m.hidden(), 1, t);
        String x = b.add(Layers.embedding(b.next(), "tok_embed", List.of(WorkloadLoader.INPUT), ids, b.batch, m.vocab(),
                m.hidden()), b.rows);
        if (m.positions() == 0) {
            return x;
        }
        String pos = b.add(Layers.embedding(b.next(), "pos_embed", List.of(WorkloadLoader.INPUT), ids, b.batch,
                m.positions(), m.hidden()), b.rows);
        return b.add(Layers.add(b.next(), "embed_add", List.of(x, pos), List.of(hid, hid), b.batch), b.acts);
    }

    /** Layer {@code i} over {@code t} tokens; {@code kv} &lt; 0: prefill (the keys are these tokens). */
    private static String layer(Build b, int i, String x, int t, int kv) {
        LlmConfig m = b.spec.model();
        String p = "l" + i + "_";
        Shape hid = new Shape(m.hidden(), 1, t);
        String ln1 = b.add(Layers.normalization(b.next(), p + "norm1", LayerKind.LAYERNORM, List.of(x), hid, b.batch),
                b.acts);
        String q = b.add(Layers.linear(b.next(), p + "q", List.of(ln1), hid, b.batch, m.qDim()), b.linear);
        String k = b.add(Layers.linear(b.next(), p + "k", List.of(ln1), hid, b.batch, m.kvDim()), b.kvOut);
        String v = b.add(Layers.linear(b.next(), p + "v", List.of(ln1), hid, b.batch, m.kvDim()), b.kvOut);
        List<String> contexts = new ArrayList<>();
        // each cache is allocated for every position the run will have: where it lives is decided once
        long cache = Math.multiplyExact(m.kvDim() * b.spec.lastKvLength(), (long) b.batch);
        if (kv < 0) {
            b.held.put(k, new Network.Held(k, cache));
            b.held.put(v, new Network.Held(v, cache));
            boolean skip = b.spec.causal() == LlmSpec.Causal.SKIP;
            int block = skip ? Math.min(b.spec.causalBlock(), t) : t;
            for (int q0 = 0, j = 0; q0 < t; q0 += block, j++) {
                int qLen = Math.min(block, t - q0);
                int keys = skip ? q0 + qLen : t;
                String tag = skip ? "_b" + j : "";
                contexts.add(attention(b, p, tag, q, k, v, qLen, keys));
            }
        } else {
            b.held.put(k, new Network.Held(p + "k_cache", cache));
            b.held.put(v, new Network.Held(p + "v_cache", cache));
            contexts.add(attention(b, p, "", q, p + "k_cache", p + "v_cache", t, kv));
        }
        String o = b.add(Layers.linear(b.next(), p + "o", contexts, new Shape(Math.toIntExact(m.qDim()), 1, t), b.batch,
                m.hidden()), b.linear);
        String add1 = b.add(Layers.add(b.next(), p + "add1", List.of(o, x), List.of(hid, hid), b.batch), b.acts);
        String ln2 = b.add(Layers.normalization(b.next(), p + "norm2", LayerKind.LAYERNORM, List.of(add1), hid,
                b.batch), b.acts);
        String ffn = m.experts() > 1 ? experts(b, p, ln2, t) : ffn(b, p, ln2, hid, b.batch);
        return b.add(Layers.add(b.next(), p + "add2", List.of(ffn, add1), List.of(hid, hid), b.batch), b.acts);
    }

    /** Scores, softmax and context of {@code qLen} query tokens against {@code keys} keys. */
    private static String attention(Build b, String p, String tag, String q, String k, String v, int qLen, int keys) {
        LlmConfig m = b.spec.model();
        int kvDim = Math.toIntExact(m.kvDim());
        Shape qs = new Shape(kvDim, 1, Math.multiplyExact(qLen, m.group()));
        Shape ks = new Shape(kvDim, 1, keys);
        Layer scores = Layers.matmul(b.next(), p + "scores" + tag, List.of(q, k), qs, ks, b.batch, m.kvHeads(), true);
        String sc = b.add(scores, b.kvRead);
        String sm = b.add(Layers.normalization(b.next(), p + "softmax" + tag, LayerKind.SOFTMAX, List.of(sc),
                scores.output(), b.batch), b.acts);
        return b.add(Layers.matmul(b.next(), p + "context" + tag, List.of(sm, v), scores.output(), ks, b.batch,
                m.kvHeads(), false), b.kvRead);
    }

    /** A dense FFN over {@code in} (per sequence, {@code batch} sequences): GELU MLP or SwiGLU. */
    private static String ffn(Build b, String p, String x, Shape in, int batch) {
        LlmConfig m = b.spec.model();
        Shape mid = new Shape(m.ffn(), 1, in.width());
        String up = b.add(Layers.linear(b.next(), p + "up", List.of(x), in, batch, m.ffn()), b.linear);
        String h = up;
        if (m.ffnKind() == LlmConfig.FfnKind.SWIGLU) {
            String gate = b.add(Layers.linear(b.next(), p + "gate", List.of(x), in, batch, m.ffn()), b.linear);
            h = b.add(Layers.add(b.next(), p + "glu", List.of(gate, up), List.of(mid, mid), batch), b.acts);
        }
        return b.add(Layers.linear(b.next(), p + "down", List.of(h), mid, batch, m.hidden()), b.linear);
    }

    /**
     * A mixture of experts over {@code t} tokens of each sequence: the router, then each expert's FFN over the
     * tokens routed to it, then the weighted sum of each token's top-k outputs. The tokens x top-k assignments
     * are spread as evenly as the count allows over as many experts as there are assignments (at most all):
     * the expected load of uniform routing, each touched expert's weights read once.
     */
    private static String experts(Build b, String p, String x, int t) {
        LlmConfig m = b.spec.model();
        Shape hid = new Shape(m.hidden(), 1, t);
        b.add(Layers.linear(b.next(), p + "router", List.of(x), hid, b.batch, m.experts()), b.linear);
        long assignments = (long) t * b.batch * m.topK();
        int used = (int) Math.min(m.experts(), assignments);
        List<String> outs = new ArrayList<>();
        for (int e = 0; e < used; e++) {
            long tokens = assignments / used + (e < assignments % used ? 1 : 0);
            Shape in = new Shape(m.hidden(), 1, Math.toIntExact(tokens));
            outs.add(ffn(b, p + "e" + e + "_", x, in, 1));
        }
        List<String> names = new ArrayList<>(outs);
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i <= m.topK(); i++) {
            shapes.add(hid);
        }
        // each token's output is the weighted sum of its top-k experts' outputs: top-k operations per element
        return b.add(Layers.add(b.next(), p + "combine", names, shapes, b.batch), b.acts);
    }

    /** Layers in the making, with the datatypes each kind of tensor takes. */
    private static final class Build {
        final LlmSpec spec;
        final int batch;
        final List<Layer> layers = new ArrayList<>();
        final Map<String, Network.Held> held = new LinkedHashMap<>();
        final TensorSpecs acts;
        final TensorSpecs rows;
        final TensorSpecs linear;
        final TensorSpecs kvOut;
        final TensorSpecs kvRead;

        Build(LlmSpec spec, int batch) {
            this.spec = spec;
            this.batch = batch;
            acts = specs(spec.activations(), null, spec.activations());
            rows = specs(spec.weights(), null, spec.activations());
            linear = specs(spec.activations(), spec.weights(), spec.activations());
            kvOut = specs(spec.activations(), spec.weights(), spec.kvCache());
            kvRead = specs(spec.activations(), spec.kvCache(), spec.activations());
        }

        int next() {
            return layers.size();
        }

        String add(Layer l, TensorSpecs t) {
            layers.add(l.withTensors(t));
            return l.name();
        }

        Network network(String name, String source, Shape input, String last, int tokens) {
            LlmConfig m = spec.model();
            Shape x = new Shape(m.hidden(), 1, 1);
            // the final norm and the LM head act on the last token of each sequence only
            String n = add(Layers.normalization(next(), "final_norm", LayerKind.LAYERNORM, List.of(last), x, batch),
                    acts);
            add(Layers.linear(next(), "lm_head", List.of(n), x, batch, m.vocab()), linear);
            return new Network(name, source, batch, input, layers, WorkloadFusion.NONE, held);
        }

        private static TensorSpecs specs(Datatype in, Datatype weight, Datatype out) {
            TensorSpecs t = TensorSpecs.DEFAULT;
            t = in == null ? t : t.with(Tensor.IFMAP, new TensorSpec(in, TensorSpec.DEFAULT.density()));
            t = weight == null ? t : t.with(Tensor.WEIGHT, new TensorSpec(weight, TensorSpec.DEFAULT.density()));
            return out == null ? t : t.with(Tensor.OFMAP, new TensorSpec(out, TensorSpec.DEFAULT.density()));
        }
    }
}
