package org.arrayflow.kind.rowstationary;

import org.arrayflow.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory levels a row-stationary program counts, in order: {@code dram}, one level per GLB
 * partition (named as in the YAML), {@code noc} (words delivered by the networks, each destination PE
 * counted, plus psum hops between PEs), and the three scratchpads.
 */
public final class RsLevels {
    public static final String DRAM = "dram";
    public static final String NOC = "noc";
    public static final String SPAD_IFMAP = "spad_ifmap";
    public static final String SPAD_FILTER = "spad_filter";
    public static final String SPAD_PSUM = "spad_psum";

    final List<String> names;
    final int dram = 0;
    final int glbIfmap;
    final int glbFilter;
    final int glbPsum;
    final int noc;
    final int spadIfmap;
    final int spadFilter;
    final int spadPsum;

    public RsLevels(RowStationaryArch a) {
        List<String> n = new ArrayList<>();
        n.add(DRAM);
        for (RowStationaryArch.GlbPartition p : a.glb()) {
            n.add(p.name());
        }
        glbIfmap = n.indexOf(a.glbFor(Tensor.IFMAP).name());
        glbFilter = n.indexOf(a.glbFor(Tensor.WEIGHT).name());
        glbPsum = n.indexOf(a.glbFor(Tensor.PSUM).name());
        noc = n.size();
        n.add(NOC);
        spadIfmap = n.size();
        n.add(SPAD_IFMAP);
        spadFilter = n.size();
        n.add(SPAD_FILTER);
        spadPsum = n.size();
        n.add(SPAD_PSUM);
        names = List.copyOf(n);
    }

    public List<String> names() {
        return names;
    }

    /** Energy per word access of a level. */
    double costPj(int level, RowStationaryArch.RsEnergy e) {
        if (level == dram) {
            return e.dramPj();
        }
        if (level == noc) {
            return e.nocPj();
        }
        if (level >= spadIfmap) {
            return e.spadPj();
        }
        return e.glbPj();
    }
}
