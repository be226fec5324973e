package org.arrayflow.workload;

import org.arrayflow.config.ConfigException;
import org.arrayflow.config.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a workload's {@code repeat} blocks (structure already schema-checked) into the layers they stand for,
 * in order, each still its own YAML entry so errors point at the body's keys. A block
 * {@code {repeat: N, as: i, from: F, input: X, layers: [...]}} writes its body N times, for i = F .. F + N − 1;
 * in a layer's {@code name}, {@code input} and {@code inputs}, {@code {i}} is the iteration's number and
 * {@code {i-1}} the previous one's. In the first iteration there is no previous one: a name with {@code {i-1}}
 * reads the block's {@code input} (default the layer before the block, or {@code input} if there is none), so a
 * chain of blocks starts where the block stands. No other {@code {...}} is allowed, nor a block in a block.
 */
final class Repeats {
    private Repeats() {}

    /**
     * The most layers a workload with blocks may expand to: ten times the largest workload benchmarked (a
     * 10,010-layer transformer, docs/performance.md), so a mistyped count (12 becoming 65536) is an error at
     * once rather than a run of hundreds of thousands of layers. A file without blocks is held to
     * YamlDocument's size instead.
     */
    static final long MAX_LAYERS = 100_000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");

    /**
     * One layer entry: its YAML node, and how its names read in its iteration (none outside blocks).
     *
     * @param iteration the block variable and its value, e.g. "i = 3", or null outside blocks
     */
    record Entry(Node node, String var, long value, boolean first, String blockInput, String iteration) {

        /** The entry's {@code name}, placeholders replaced. */
        String name() {
            return substitute(node.get("name"), false);
        }

        /** A name this entry reads, placeholders replaced ({@code {i-1}} in the first iteration: the block's input). */
        String input(Node ref) {
            return substitute(ref, true);
        }

        private String substitute(Node n, boolean reference) {
            String text = n.text();
            if (var == null) {
                if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
                    throw n.error("'{' and '}' are placeholders, replaced only in a repeat block's body, and not "
                            + "part of a name");
                }
                return text;
            }
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String p = m.group(1).replace(" ", "");
                String with;
                if (p.equals(var)) {
                    with = Long.toString(value);
                } else if (p.equals(var + "-1") && reference) {
                    if (first) {
                        return blockInput;
                    }
                    with = Long.toString(value - 1);
                } else {
                    throw n.error("'{" + m.group(1) + "}' is not a placeholder of this repeat block: a "
                            + (reference ? "name read" : "layer's name") + " may use {" + var + "}"
                            + (reference ? " and {" + var + "-1}" : ""));
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(with));
            }
            m.appendTail(sb);
            if (sb.indexOf("{") >= 0 || sb.indexOf("}") >= 0) {
                throw n.error("a '{' or '}' without its pair: placeholders are written {" + var + "}"
                        + (reference ? " and {" + var + "-1}" : ""));
            }
            return sb.toString();
        }

        /** {@code e} with the iteration said, for an error in a body layer. */
        ConfigException inIteration(ConfigException e) {
            return iteration == null ? e : new ConfigException(e.file(), e.line(), e.column(), e.keyPath(),
                    e.problem() + " (repeat iteration " + iteration + ")");
        }
    }

    /** The layer entries of {@code layers}, blocks written out. */
    static List<Entry> expand(Node layers) {
        List<Entry> out = new ArrayList<>();
        for (Node item : layers.items()) {
            if (!item.has("repeat")) {
                out.add(new Entry(item, null, 0, false, null, null));
                continue;
            }
            String var = item.text("as", "i");
            long from = item.longValue("from", 0);
            long times = item.longValue("repeat");
            String before = out.isEmpty() ? WorkloadLoader.INPUT : out.get(out.size() - 1).name();
            String blockInput = item.text("input", before);
            List<Node> body = item.get("layers").items();
            for (Node b : body) {
                if (b.has("repeat")) {
                    throw b.error("repeat", "a repeat block cannot hold another repeat block; write the inner "
                            + "block's layers out, or repeat the outer block's body as a whole");
                }
            }
            if (out.size() + times * body.size() > MAX_LAYERS) {
                throw item.error("repeat", times + " iterations of " + body.size() + " layers would make the workload "
                        + "more than " + MAX_LAYERS + " layers long");
            }
            for (long k = 0; k < times; k++) {
                for (Node b : body) {
                    out.add(new Entry(b, var, from + k, k == 0, blockInput, var + " = " + (from + k)));
                }
            }
        }
        return out;
    }
}
