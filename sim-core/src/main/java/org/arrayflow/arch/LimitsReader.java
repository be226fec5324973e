package org.arrayflow.arch;

import org.arrayflow.config.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an architecture's {@code limits:} entry (structure already schema-checked), common to every kind:
 * {@code kernels} and {@code pool_windows} as "KxK" strings, {@code strides} as integers, {@code channels:
 * {min, max}}, {@code max_input: {width, height}}; and the DRAM's {@code size_gib}, wherever the kind keeps its
 * DRAM entry ({@code memory.dram} or {@code dram}).
 */
public final class LimitsReader {
    private LimitsReader() {}

    public static HardwareLimits read(Node root) {
        long dram = dramBytes(root);
        if (!root.has("limits")) {
            return dram == 0 ? HardwareLimits.NONE : new HardwareLimits(List.of(), List.of(), 0, 0, 0, 0, List.of(),
                    dram);
        }
        Node l = root.get("limits");
        List<Integer> strides = new ArrayList<>();
        if (l.has("strides")) {
            for (Node s : l.get("strides").items()) {
                strides.add((int) s.asLong());
            }
        }
        int min = 0;
        int max = 0;
        if (l.has("channels")) {
            Node c = l.get("channels");
            min = c.intValue("min", 0);
            max = c.intValue("max", 0);
            if (max > 0 && min > max) {
                throw c.error("min", "must not exceed max (" + max + "), found " + min);
            }
        }
        int width = 0;
        int height = 0;
        if (l.has("max_input")) {
            width = l.get("max_input").intValue("width", 0);
            height = l.get("max_input").intValue("height", 0);
        }
        return new HardwareLimits(sizes(l, "kernels"), strides, min, max, width, height, sizes(l, "pool_windows"),
                dram);
    }

    /** size_gib of the DRAM entry in bytes (GiB = 2^30 bytes), 0 when absent. */
    private static long dramBytes(Node root) {
        Node d = root.has("memory") && root.get("memory").has("dram") ? root.get("memory").get("dram")
                : root.has("dram") ? root.get("dram") : null;
        return d != null && d.has("size_gib") ? (long) Math.floor(d.doubleValue("size_gib") * (1L << 30)) : 0;
    }

    /** "KxK" strings (the schema's pattern) as {height, width}. */
    private static List<int[]> sizes(Node l, String key) {
        List<int[]> out = new ArrayList<>();
        if (l.has(key)) {
            for (Node s : l.get(key).items()) {
                String[] p = s.text().split("x");
                out.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])});
            }
        }
        return out;
    }
}
