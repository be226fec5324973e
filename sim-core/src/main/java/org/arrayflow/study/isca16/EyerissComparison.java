package org.arrayflow.study.isca16;

import org.arrayflow.arch.ArchLoader;
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
 */
public final class EyerissComparison {
    /** One dataflow on one layer: its storage split, mapping and counts. */
    public record Row(String layer, int batch, String dataflow, long rfBytesPerPe, long glbBytes, Evaluation eval) {
        public double totalPerOp() {
            return eval.counts().totalEnergy(NormalizedCosts.ISCA16) / eval.counts().macs();
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
        for (Layer layer : net.layers()) {
            if (!layer.kind().isMatrix()) {
                continue;
            }
            RsProblem p = RsProblem.of(layer, rs.precision(layer));
            for (ComparedDataflow d : dataflows) {
                long glbBytes = area.glbBytes(d.rfBytesPerPe());
                Evaluation e = d.best(p, pes, glbBytes / rs.wordBytes());
                rows.add(new Row(layer.name(), net.batch(), d.name(), d.rfBytesPerPe(), glbBytes, e));
            }
        }
        return rows;
    }
}
