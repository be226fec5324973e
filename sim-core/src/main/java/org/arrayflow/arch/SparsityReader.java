package org.arrayflow.arch;

import org.arrayflow.config.Node;
import org.arrayflow.tensor.Compression;
import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.Sparsity;
import org.arrayflow.tensor.Tensor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an architecture's {@code sparsity:} entry (structure already schema-checked), common to every kind:
 * structured N:M skipping, zero gating, and compressed storage per tensor.
 */
public final class SparsityReader {
    private SparsityReader() {}

    /** @param levels the memory level names compressed storage may name */
    public static Sparsity read(Node root, List<String> levels) {
        if (!root.has("sparsity")) {
            return Sparsity.NONE;
        }
        Node s = root.get("sparsity");
        Density pattern = null;
        int metadataBits = 0;
        if (s.has("structured")) {
            Node st = s.get("structured");
            String[] nm = st.text("pattern").split(":");
            int n = Integer.parseInt(nm[0]);
            int m = Integer.parseInt(nm[1]);
            if (n >= m) {
                throw st.error("pattern", "N:M skipping keeps N of every M weights, so N < M (2:4, say)");
            }
            pattern = Density.structured(n, m);
            metadataBits = st.intValue("metadata_bits", 32 - Integer.numberOfLeadingZeros(m - 1));
        }
        Set<Tensor> gating = EnumSet.noneOf(Tensor.class);
        if (s.has("zero_gating")) {
            for (Node t : s.get("zero_gating").items()) {
                gating.add(Tensor.fromLabel(t.text()));
            }
        }
        Map<Tensor, Compression> compression = new EnumMap<>(Tensor.class);
        if (s.has("compression")) {
            Node c = s.get("compression");
            for (Map.Entry<String, Node> e : c.fields()) {
                if (e.getKey().equals("comment")) {
                    continue;
                }
                compression.put(Tensor.fromLabel(e.getKey()), compression(e.getValue(), levels, pattern));
            }
        }
        int indexBits = 0;
        if (s.has("zero_skipping")) {
            indexBits = s.get("zero_skipping").intValue("index_bits");
        }
        return new Sparsity(pattern, metadataBits, gating, compression, indexBits);
    }

    private static Compression compression(Node f, List<String> known, Density structured) {
        Compression.Format format = Compression.Format.valueOf(f.text("format").toUpperCase(java.util.Locale.ROOT));
        List<String> levels = new ArrayList<>();
        for (Node l : f.get("levels").items()) {
            if (!known.contains(l.text())) {
                throw l.error("is not a level that can hold compressed data on this architecture (those that can: "
                        + String.join(", ", known) + ")");
            }
            levels.add(l.text());
        }
        int runBits = f.intValue("run_bits", 5);
        int packBits = f.intValue("pack_bits", 64);
        int metadataBits = f.intValue("metadata_bits", structured == null ? 2
                : 32 - Integer.numberOfLeadingZeros(structured.m() - 1));
        List<String> layers = new ArrayList<>();
        if (f.has("layers")) {
            for (Node l : f.get("layers").items()) {
                layers.add(l.text());
            }
        }
        return new Compression(format, runBits, packBits, metadataBits, levels, layers);
    }
}
