package org.arrayflow.kind.rowstationary;

import org.arrayflow.arch.ComputeModesReader;
import org.arrayflow.arch.LimitsReader;
import org.arrayflow.arch.SparsityReader;
import org.arrayflow.config.Node;
import org.arrayflow.tensor.ComputeModes;
import org.arrayflow.tensor.Sparsity;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Tensor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Semantic reading of a {@code type: row-stationary} architecture (structure is already schema-checked). */
final class RowStationaryArchReader {
    private RowStationaryArchReader() {}

    static RowStationaryArch read(Node root) {
        int wordBits = root.intValue("word_bits");
        Node pe = root.get("pe_array");
        int rows = pe.intValue("rows");
        int cols = pe.intValue("cols");
        if ((long) rows * cols > (1L << 20)) {
            throw pe.error("rows * cols = " + ((long) rows * cols) + " exceeds the supported 1,048,576 PEs");
        }
        Node sp = root.get("scratchpads");
        RowStationaryArch.Spad ifmap = spad(sp.get("ifmap"), wordBits);
        RowStationaryArch.Spad filter = spad(sp.get("filter"), wordBits);
        RowStationaryArch.Spad psum = spad(sp.get("psum"), wordBits);

        Node g = root.get("global_buffer");
        List<RowStationaryArch.GlbPartition> parts = new ArrayList<>();
        for (Map.Entry<String, Node> e : g.get("partitions").fields()) {
            Set<Tensor> holds = EnumSet.noneOf(Tensor.class);
            for (Node t : e.getValue().get("holds").items()) {
                holds.add(Tensor.fromLabel(t.text()));
            }
            if (holds.contains(Tensor.PSUM)) {
                holds.add(Tensor.OFMAP); // finished outputs are the last partial sums, in the same place
            }
            if (e.getKey().equals("dram") || e.getKey().equals("noc") || e.getKey().startsWith("spad")) {
                throw e.getValue().error("partition name '" + e.getKey() + "' is taken by another memory level");
            }
            long bytes = Math.round(e.getValue().doubleValue("size_kib") * 1024);
            parts.add(new RowStationaryArch.GlbPartition(e.getKey(), bytes, holds));
        }
        for (Tensor t : List.of(Tensor.IFMAP, Tensor.WEIGHT, Tensor.PSUM)) {
            List<String> holders = new ArrayList<>();
            for (RowStationaryArch.GlbPartition p : parts) {
                if (p.holds().contains(t)) {
                    holders.add(p.name());
                }
            }
            if (holders.size() != 1) {
                throw g.get("partitions").error("tensor '" + t.label() + "' must be held by exactly one partition, not "
                        + (holders.isEmpty() ? "none" : String.join(" and ", holders)));
            }
        }

        Node n = root.get("noc");
        RowStationaryArch.Noc noc = new RowStationaryArch.Noc(n.intValue("ifmap_gin_bits"), n.intValue("filter_gin_bits"),
                n.intValue("psum_gin_bits"), n.intValue("gon_bits"), n.intValue("local_link_bits"));
        for (Map.Entry<String, Node> e : n.fields()) {
            if (e.getValue().asLong() < wordBits) {
                throw n.error(e.getKey(), "a network narrower than a word (" + wordBits + " bits) cannot move data");
            }
        }

        Node d = root.get("dram");
        RowStationaryArch.DramLink link = new RowStationaryArch.DramLink(d.intValue("bus_bits"), d.doubleValue("clock_mhz"),
                d.longValue("latency_cycles", 0));

        RowStationaryArch.RsEnergy energy = energy(root.get("energy"));
        RowStationaryArch.Objective objective = RowStationaryArch.Objective.LATENCY;
        if (root.has("mapper")) {
            objective = RowStationaryArch.Objective.valueOf(
                    root.get("mapper").text("objective", "latency").toUpperCase(java.util.Locale.ROOT));
        }
        Map<String, RowStationaryArch.MappingSpec> mappings = new LinkedHashMap<>();
        if (root.has("mappings")) {
            for (Map.Entry<String, Node> e : root.get("mappings").fields()) {
                Node m = e.getValue();
                mappings.put(e.getKey(), new RowStationaryArch.MappingSpec(m.intValue("m"), m.intValue("n"),
                        m.intValue("e"), m.intValue("p"), m.intValue("q"), m.intValue("r"), m.intValue("t")));
            }
        }
        ComputeModes modes = ComputeModesReader.read(root, Datatype.word(wordBits));
        // compressed storage on the DRAM link only: the GLB and spads are sized and counted in words
        Sparsity sparsity = SparsityReader.read(root, List.of(RsLevels.DRAM));
        skippingAtOneMacACycle(root, modes, sparsity);
        return new RowStationaryArch(root.text("name"), root.doc().file(), root.doubleValue("clock_mhz"), wordBits, rows,
                cols, ifmap, filter, psum, parts, g.intValue("banks", parts.size()), noc, link, energy, mappings, objective,
                modes, sparsity, LimitsReader.read(root));
    }

    /**
     * A zero-skipping PE walks its kept weights one at a time; with SIMD lanes over its filters (a rate above 1) the
     * lanes would each skip their own filter's zeros, an imbalance inside the PE this model does not count.
     */
    private static void skippingAtOneMacACycle(Node root, ComputeModes modes, Sparsity sparsity) {
        if (sparsity.zeroSkipIndexBits() > 0) {
            for (ComputeModes.Mode m : modes.modes()) {
                if (m.macsPerCycle() > 1) {
                    throw root.get("sparsity").error("zero_skipping", "zero skipping on the row-stationary array is "
                            + "modelled at one MAC per PE per cycle, and " + m.type().name() + " runs at "
                            + m.macsPerCycle() + " (datatypes:)");
                }
            }
        }
    }

    private static RowStationaryArch.Spad spad(Node s, int wordBits) {
        return new RowStationaryArch.Spad(s.intValue("entries"), s.intValue("bits", wordBits));
    }

    /**
     * A named table sets every cost; explicit keys override it. {@code isca16-normalized}: Eyeriss ISCA 2016
     * Table IV (MAC 1, RF 1, array 2, GLB 6, DRAM 200) times {@code unit_pj}; {@code nn-dataflow-eyeriss}: the
     * pJ per 16-bit access that nn_dataflow uses to reproduce the chip (MAC 2, RF 1, NoC 4, GLB 15, DRAM 460).
     */
    static RowStationaryArch.RsEnergy energy(Node e) {
        String table = e.text("table", "isca16-normalized");
        double[] c;
        String src;
        switch (table) {
            case "isca16-normalized": {
                double u = e.doubleValue("unit_pj", 1.0);
                c = new double[] {u, u, 2 * u, 6 * u, 200 * u};
                src = "Eyeriss ISCA 2016 Table IV normalized costs (MAC 1, RF 1, array 2, GLB 6, DRAM 200) x " + u + " pJ";
                break;
            }
            case "nn-dataflow-eyeriss":
                c = new double[] {2, 1, 4, 15, 460};
                src = "nn_dataflow calibration for the Eyeriss chip: MAC 2, RF 1, NoC 4, GLB 15, DRAM 460 pJ per 16-bit access";
                break;
            default:
                throw e.error("table", "unknown energy table '" + table + "' (isca16-normalized, nn-dataflow-eyeriss)");
        }
        String[] keys = {"mac_pj", "spad_pj", "noc_pj", "glb_pj", "dram_pj"};
        for (int i = 0; i < keys.length; i++) {
            c[i] = e.doubleValue(keys[i], c[i]);
        }
        return new RowStationaryArch.RsEnergy(c[0], c[1], c[2], c[3], c[4], e.text("source", src));
    }
}
