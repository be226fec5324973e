package org.arrayflow.arch;

import org.arrayflow.config.Node;

/** Reads an architecture's {@code chips:} entry (schema-checked), common to every kind; without it, one chip. */
public final class ChipsReader {
    private ChipsReader() {}

    public static Chips read(Node root) {
        if (!root.has("chips")) {
            return Chips.SINGLE;
        }
        Node c = root.get("chips");
        Node l = c.get("link");
        return new Chips(c.intValue("count"), l.doubleValue("bandwidth_gb_s"), l.doubleValue("latency_ns", 0),
                l.text("topology", "ring").equals("fully_connected"), l.doubleValue("energy_pj_per_byte", 0),
                c.text("parallelism", "tensor").equals("pipeline"));
    }
}
