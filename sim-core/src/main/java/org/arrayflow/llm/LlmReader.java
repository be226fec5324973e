package org.arrayflow.llm;

import org.arrayflow.config.Node;
import org.arrayflow.config.YamlDocument;
import org.arrayflow.tensor.Datatype;

import java.util.List;
import java.util.Map;

/**
 * Reads an LLM workload file ({@code format: arrayflow-llm/1}): the model's hyperparameters under {@code model:},
 * the inference under {@code run:}, datatypes under {@code datatypes:}. Every key is checked where it is read, and
 * a value that cannot be (heads that do not divide the hidden size, KV heads that do not divide the heads, top-k
 * above the experts) is a one-line error at its line and column.
 */
public final class LlmReader {
    public static final String FORMAT = "arrayflow-llm/1";
    /** The most tokens a prompt plus its output may have: positions are counted in an int. */
    public static final int MAX_TOKENS = 1 << 24;

    private static final List<String> TOP = List.of("format", "name", "description", "model", "run", "datatypes");
    private static final List<String> MODEL = List.of("layers", "hidden", "heads", "kv_heads", "head_dim", "ffn",
            "ffn_kind", "vocab", "positions", "experts", "top_k", "tied_embeddings", "bias", "norm");
    private static final List<String> RUN = List.of("prompt", "generate", "batch", "causal", "causal_block");
    private static final List<String> TYPES = List.of("weights", "activations", "kv_cache");

    private LlmReader() {}

    /** Whether a workload text is an LLM file, by its format line (read lightly, before any YAML parse). */
    public static boolean isLlm(String text) {
        for (String line : text.split("\\R", 200)) {
            String t = line.strip();
            if (t.startsWith("format:")) {
                String v = t.substring("format:".length()).strip().replace("\"", "").replace("'", "");
                int hash = v.indexOf(" #");
                return (hash < 0 ? v : v.substring(0, hash).strip()).startsWith("arrayflow-llm/");
            }
        }
        return false;
    }

    public static LlmSpec parse(String file, String text) {
        YamlDocument doc = YamlDocument.parse(file, text);
        Node root = Node.root(doc);
        if (!root.json().isObject()) {
            throw root.error("an LLM workload is a mapping of format, name, model, run and datatypes");
        }
        known(root, TOP);
        if (!FORMAT.equals(text(root, "format"))) {
            throw root.error("format", "must be " + FORMAT + ", found '" + root.get("format").text() + "'");
        }
        String name = text(root, "name");
        Node m = mapping(root, "model", true);
        known(m, MODEL);
        int hidden = positive(m, "hidden", -1);
        int heads = positive(m, "heads", -1);
        if (hidden % heads != 0) {
            throw m.error("heads", heads + " heads do not divide the hidden size of " + hidden);
        }
        int kvHeads = positive(m, "kv_heads", heads);
        if (kvHeads > heads || heads % kvHeads != 0) {
            throw m.error("kv_heads", kvHeads + " KV heads do not divide the " + heads + " heads (each KV head serves"
                    + " a whole group of query heads)");
        }
        int headDim = positive(m, "head_dim", hidden / heads);
        int experts = positive(m, "experts", 1);
        int topK = positive(m, "top_k", 1);
        if (topK > experts) {
            throw m.error("top_k", "top_k " + topK + " is more than the " + experts + " experts");
        }
        String ffnKind = text(m, "ffn_kind", "gelu");
        LlmConfig.FfnKind kind = LlmConfig.FfnKind.fromYaml(ffnKind);
        if (kind == null) {
            throw m.error("ffn_kind", "must be gelu or swiglu, found '" + ffnKind + "'");
        }
        String norm = text(m, "norm", "layernorm");
        if (!norm.equals("layernorm") && !norm.equals("rmsnorm")) {
            throw m.error("norm", "must be layernorm or rmsnorm, found '" + norm + "'");
        }
        int positions = count(m, "positions", 0);
        LlmConfig model = new LlmConfig(name, positive(m, "layers", -1), hidden, heads, kvHeads, headDim,
                positive(m, "ffn", -1), kind, positive(m, "vocab", -1), positions, experts, topK,
                bool(m, "tied_embeddings", false), bool(m, "bias", false), norm.equals("rmsnorm"));

        try {
            model.parameters();
        } catch (ArithmeticException e) {
            throw m.error("the model's parameters exceed what can be counted (" + Long.MAX_VALUE + ")");
        }
        Node r = mapping(root, "run", false);
        int prompt = 1;
        int generate = 1;
        int batch = 1;
        LlmSpec.Causal causal = LlmSpec.Causal.FULL;
        int block = 256;
        if (r != null) {
            known(r, RUN);
            prompt = positive(r, "prompt", 1);
            generate = positive(r, "generate", 1);
            batch = positive(r, "batch", 1);
            String c = text(r, "causal", "full");
            causal = LlmSpec.Causal.fromYaml(c);
            if (causal == null) {
                throw r.error("causal", "must be full (the whole score matrix) or skip (masked blocks skipped), found '"
                        + c + "'");
            }
            block = positive(r, "causal_block", block);
            if ((long) prompt + generate > MAX_TOKENS) {
                throw r.error("generate", "prompt + generate = " + ((long) prompt + generate) + " tokens, more than "
                        + MAX_TOKENS);
            }
            if (positions > 0 && (long) prompt + generate > positions) {
                throw r.error(r.has("generate") ? "generate" : "prompt", "prompt + generate = " + (prompt + generate)
                        + " tokens, more than the model's " + positions + " learned positions");
            }
        }
        Node t = mapping(root, "datatypes", false);
        Datatype[] types = new Datatype[TYPES.size()];
        if (t != null) {
            known(t, TYPES);
            for (int i = 0; i < TYPES.size(); i++) {
                if (t.has(TYPES.get(i))) {
                    String v = text(t, TYPES.get(i));
                    types[i] = Datatype.named(v);
                    if (types[i] == null) {
                        throw t.error(TYPES.get(i), "unknown datatype '" + v + "' (known: " + names() + ")");
                    }
                }
            }
        }
        return new LlmSpec(model, prompt, generate, batch, causal, block, types[0], types[1], types[2], m.position());
    }

    private static String names() {
        StringBuilder sb = new StringBuilder();
        for (Datatype d : Datatype.NAMED) {
            sb.append(sb.length() == 0 ? "" : ", ").append(d.name());
        }
        return sb.toString();
    }

    private static void known(Node n, List<String> keys) {
        for (Map.Entry<String, Node> e : n.fields()) {
            if (!keys.contains(e.getKey())) {
                throw n.error(e.getKey(), "unknown key '" + e.getKey() + "' (known: " + String.join(", ", keys) + ")");
            }
        }
    }

    private static Node mapping(Node n, String key, boolean required) {
        if (!n.has(key)) {
            if (required) {
                throw n.error(key, "missing required key");
            }
            return null;
        }
        Node v = n.get(key);
        if (!v.json().isObject()) {
            throw v.error("must be a mapping of keys, found " + v.json().getNodeType().name().toLowerCase(
                    java.util.Locale.ROOT));
        }
        return v;
    }

    private static String text(Node n, String key) {
        Node v = n.get(key);
        if (!v.isText()) {
            throw v.error("must be text, found " + v.json());
        }
        return v.text();
    }

    private static String text(Node n, String key, String dflt) {
        return n.has(key) ? text(n, key) : dflt;
    }

    private static boolean bool(Node n, String key, boolean dflt) {
        if (!n.has(key)) {
            return dflt;
        }
        Node v = n.get(key);
        if (!v.json().isBoolean()) {
            throw v.error("must be true or false, found " + v.json());
        }
        return v.asBoolean();
    }

    /** A whole number at least 1 ({@code dflt} &lt; 0: required). */
    private static int positive(Node n, String key, int dflt) {
        int v = whole(n, key, dflt);
        if (v < 1) {
            throw n.error(key, "must be at least 1, found " + v);
        }
        return v;
    }

    private static int count(Node n, String key, int dflt) {
        int v = whole(n, key, dflt);
        if (v < 0) {
            throw n.error(key, "must be 0 or more, found " + v);
        }
        return v;
    }

    private static int whole(Node n, String key, int dflt) {
        if (!n.has(key)) {
            if (dflt < 0) {
                throw n.error(key, "missing required key");
            }
            return dflt;
        }
        Node v = n.get(key);
        if (!v.json().isIntegralNumber() || !v.json().canConvertToInt() || v.json().asLong() > MAX_TOKENS * 64L) {
            throw v.error("must be a whole number up to " + MAX_TOKENS * 64L + ", found " + v.json());
        }
        return v.json().asInt();
    }
}
