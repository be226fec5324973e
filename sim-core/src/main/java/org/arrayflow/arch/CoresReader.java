package org.arrayflow.arch;

import org.arrayflow.config.Node;

/**
 * Reads an architecture's {@code cores:} entry (structure already schema-checked), common to every kind. Without
 * the entry the chip is one core ({@link Cores#SINGLE}), exactly as before the entry existed.
 */
public final class CoresReader {
    private CoresReader() {}

    public static Cores read(Node root) {
        if (!root.has("cores")) {
            return Cores.SINGLE;
        }
        Node c = root.get("cores");
        Cores.Partition partition = Cores.Partition.named(c.text("partition", "auto"));
        boolean shared = c.text("dram", "shared").equals("shared");
        Cores.SharedLevel level = null;
        if (c.has("shared_level")) {
            Node l = c.get("shared_level");
            String name = l.text("name", "l2");
            if (name.equals("dram") || name.equals("link")) {
                throw l.error("name", "'" + name + "' names another level of the outputs; choose another name");
            }
            long bytes = (long) Math.floor(l.doubleValue("size_kib") * 1024);
            if (bytes < 1) {
                throw l.error("size_kib", "holds less than one byte");
            }
            level = new Cores.SharedLevel(name, bytes, l.doubleValue("bandwidth_gb_s"),
                    l.doubleValue("read_energy_pj", 0), l.doubleValue("write_energy_pj", 0));
        }
        return new Cores(c.intValue("count"), partition, shared, level);
    }
}
