package org.arrayflow.arch;

import org.arrayflow.config.Node;
import org.arrayflow.tensor.ComputeModes;
import org.arrayflow.tensor.Datatype;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an architecture's {@code datatypes:} entry (structure already schema-checked), common to every kind:
 * each listed datatype with its MACs per unit per cycle and, optionally, its MAC energy, and the {@code fallback}
 * that types not listed run as. Without the entry, the architecture computes its word ({@link ComputeModes#wordOnly}).
 */
public final class ComputeModesReader {
    private ComputeModesReader() {}

    /** @param word the architecture's word, which must be one of its datatypes */
    public static ComputeModes read(Node root, Datatype word) {
        if (!root.has("datatypes")) {
            return ComputeModes.wordOnly(word);
        }
        Node d = root.get("datatypes");
        List<ComputeModes.Mode> modes = new ArrayList<>();
        for (Map.Entry<String, Node> e : d.fields()) {
            Datatype t = Datatype.named(e.getKey());
            if (t == null) {
                continue; // fallback: and comment:
            }
            Node m = e.getValue();
            int rate = m.intValue("macs_per_cycle", 1);
            Datatype acc = m.has("accumulator") ? Datatype.named(m.text("accumulator")) : null;
            if (acc != null && acc.bits() < t.bits()) {
                throw m.error("accumulator", acc.name() + " is narrower than the " + t.name() + " it accumulates");
            }
            modes.add(new ComputeModes.Mode(t, rate, m.doubleValue("mac_pj", Double.NaN), acc));
        }
        if (modes.isEmpty()) {
            throw d.error("lists no datatype: name at least the one the word_bits stand for, e.g. int"
                    + word.bits() + ": {macs_per_cycle: 1}");
        }
        Datatype fallback = null;
        if (d.has("fallback")) {
            fallback = Datatype.named(d.text("fallback"));
            Datatype f = fallback;
            if (modes.stream().noneMatch(m -> m.type().sameArithmetic(f))) {
                throw d.error("fallback", fallback.name() + " is not one of the datatypes listed here");
            }
        }
        ComputeModes out = new ComputeModes(modes, fallback, true);
        if (out.select(out.word(word)) == null) {
            throw d.error("does not include the architecture's word (word_bits: " + word.bits() + ", an integer): "
                    + "list int" + word.bits() + " (or the " + word.bits() + "-bit float it is), or a fallback it fits in");
        }
        return out;
    }
}
