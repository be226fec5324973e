package org.arrayflow.study.isca16;

import org.arrayflow.arch.ArchKinds;
import org.arrayflow.arch.ArchLoader;
import org.arrayflow.config.Bundled;
import org.arrayflow.kind.rowstationary.RowStationaryArch;
import org.arrayflow.kind.rowstationary.RsProblem;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * The ISCA 2016 comparison: WS, OSA, OSB, OSC, NLR and RS on one array of the RS arch's PE count, each
 * with the global buffer the area model leaves it, every conv/fc layer of a network, at the network's
 * batch. Deterministic: fixed dataflow and layer order, deterministic searches.
 *
 * <p>At the RS arch's word width: the paper's words are 16 bits; {@link #arch(int, AreaModel)} gives the comparison
 * at another width, every datum a word of that many bits in the same storage area (bytes), so each RF keeps its
 * words in fewer bytes, every buffer holds more words, and each access costs {@link NormalizedCosts#at its bits}.
 */
public final class EyerissComparison {
    /** One dataflow on one layer: its storage split, mapping and counts. */
    public record Row(String layer, int batch, String dataflow, long rfBytesPerPe, long glbBytes, Evaluation eval,
                      int wordBits, NormalizedCosts costs) {
        public double totalPerOp() {
            return eval.counts().totalEnergy(costs) / eval.counts().macs();
        }

        public double dramAccessesPerOp() {
            return (double) eval.counts().level(Level.DRAM) / eval.counts().macs();
        }
    }

    /** The RS architecture of the comparison: the paper's 256-PE array (bundled). */
    public static final String ARCH = "eyeriss-isca16-256pe";

    private EyerissComparison() {}

    public static RowStationaryArch arch() {
        return ArchLoader.load(ARCH, RowStationaryArch.class, "the ISCA 2016 comparison");
    }

    /**
     * The RS arch at {@code wordBits} (8, 16 or 32): the same scratchpad entries, its global buffer what {@code area}
     * leaves RS at that width (the bundled 128 kB at 16 bits).
     */
    public static RowStationaryArch arch(int wordBits, AreaModel area) {
        if (wordBits != 8 && wordBits != 16 && wordBits != 32) {
            throw new IllegalArgumentException("the comparison runs at 8, 16 or 32 bits a word, not " + wordBits);
        }
        if (wordBits == 16) {
            return arch();
        }
        RowStationaryArch rs = arch();
        long glb;
        try {
            glb = area.glbBytes(new RowStationary(rs).rfBytesPerPe(wordBits), wordBits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("RS at " + wordBits + "-bit words does not fit the equal storage area: "
                    + e.getMessage(), e);
        }
        String text = Bundled.resolve(Bundled.ARCH, ARCH).text()
                .replace("word_bits: 16", "word_bits: " + wordBits)
                .replace("glb: {size_kib: 128,", "glb: {size_kib: " + glb / 1024.0 + ",");
        return ArchKinds.require(ArchLoader.parse(ARCH + "@" + wordBits + "bit.yaml", text), RowStationaryArch.class,
                "the ISCA 2016 comparison", ARCH);
    }

    public static List<ComparedDataflow> dataflows(RowStationaryArch rs) {
        List<ComparedDataflow> all = new ArrayList<>(blockedDataflows());
        all.add(new RowStationary(rs));
        return all;
    }

    /** The paper's dataflows other than RS. */
    public static List<ComparedDataflow> blockedDataflows() {
        return List.of(new WeightStationary(WeightStationary.Variant.PAPER),
                new OutputStationary(OutputStationary.Variant.SOC_MOP), new OutputStationary(OutputStationary.Variant.MOC_MOP),
                new OutputStationary(OutputStationary.Variant.MOC_SOP), new NoLocalReuse());
    }

    /**
     * A sensitivity run: {@code others} under {@code area} at the network's batch, followed by the RS rows of
     * that batch and the network's layers from an earlier run. RS need not be searched again: its 512 B RF is the baseline, so every
     * area model leaves it the baseline 128 kB buffer.
     */
    public static List<Row> againstRs(RowStationaryArch rs, AreaModel area, Network net, List<ComparedDataflow> others,
                                      List<Row> earlier) {
        List<Row> rows = new ArrayList<>(run(rs, area, net, others));
        java.util.Set<String> layers = new java.util.HashSet<>();
        net.layers().forEach(l -> layers.add(l.name()));
        earlier.stream().filter(r -> r.batch() == net.batch() && r.dataflow().equals("RS") && layers.contains(r.layer()))
                .forEach(rows::add);
        return rows;
    }

    public static List<Row> run(RowStationaryArch rs, AreaModel area, Network net) {
        return run(rs, area, net, dataflows(rs));
    }

    /** The given dataflows only (a sensitivity run of a variant, say), in the same row order. */
    public static List<Row> run(RowStationaryArch rs, AreaModel area, Network net, List<ComparedDataflow> dataflows) {
        List<Row> rows = new ArrayList<>();
        int pes = (int) rs.peCount();
        int bits = rs.wordBits();
        NormalizedCosts costs = NormalizedCosts.at(bits);
        for (Layer layer : net.layers()) {
            if (!layer.kind().isMatrix()) {
                continue;
            }
            RsProblem p = RsProblem.of(layer, rs.precision(layer));
            for (ComparedDataflow d : dataflows) {
                long rf = d.rfBytesPerPe(bits);
                long glbBytes = area.glbBytes(rf, bits);
                Evaluation e = d.best(p, pes, glbBytes / rs.wordBytes());
                rows.add(new Row(layer.name(), net.batch(), d.name(), rf, glbBytes, e, bits, costs));
            }
        }
        return rows;
    }
}
