package org.arrayflow.study.isca16;

import org.arrayflow.dataflow.MappingException;
import org.arrayflow.engine.Access;
import org.arrayflow.kind.rowstationary.RowStationaryArch;
import org.arrayflow.kind.rowstationary.RsEstimate;
import org.arrayflow.kind.rowstationary.RsLevels;
import org.arrayflow.kind.rowstationary.RsMapper;
import org.arrayflow.kind.rowstationary.RsProblem;
import org.arrayflow.tensor.Tensor;

import java.util.List;

/**
 * Row stationary (RS): the existing model, not re-derived. The mapping and its counts come from
 * {@link RsMapper} (energy objective) on a row-stationary architecture, so the numbers here are the ones
 * the RS planner and engine produce for the same arch and batch. Its levels map onto the comparison's:
 * {@code dram} -> DRAM, GLB partitions -> GLB, {@code noc} -> array, the scratchpads -> RF; filters are
 * FILTER, psums and ofmaps PSUM.
 */
public final class RowStationary implements ComparedDataflow {
    private final RowStationaryArch arch;

    public RowStationary(RowStationaryArch arch) {
        this.arch = arch.withObjective(RowStationaryArch.Objective.ENERGY);
    }

    @Override
    public String name() {
        return "RS";
    }

    /** The scratchpads' total (ifmap + filter + psum entries). */
    @Override
    public long rfWordsPerPe() {
        return (long) arch.ifmapSpad().entries() + arch.filterSpad().entries() + arch.psumSpad().entries();
    }

    public RowStationaryArch arch() {
        return arch;
    }

    @Override
    public Evaluation best(RsProblem p, int pes, long glbWords) {
        if (pes != arch.peCount()) {
            throw new MappingException("RS comparison arch " + arch.name() + " has " + arch.peCount() + " PEs, not " + pes);
        }
        long glbBytes = arch.glb().stream().mapToLong(RowStationaryArch.GlbPartition::bytes).sum();
        if (glbBytes != glbWords * arch.wordBytes()) {
            throw new MappingException("RS comparison arch " + arch.name() + " has a " + glbBytes
                    + " B global buffer; the area model gives " + glbWords * arch.wordBytes() + " B");
        }
        RsLevels lv = new RsLevels(arch);
        RsMapper.Choice c = RsMapper.best(arch, p, lv, RowStationaryArch.Objective.ENERGY);
        return new Evaluation(name(), c.mapping().toString(), counts(c.estimate(), lv), c.candidates());
    }

    static AccessCounts counts(RsEstimate est, RsLevels lv) {
        AccessCounts a = new AccessCounts();
        List<String> names = lv.names();
        for (int l = 0; l < names.size(); l++) {
            Level level = levelOf(names.get(l));
            for (Tensor t : Tensor.values()) {
                Operand o = switch (t) {
                    case IFMAP -> Operand.IFMAP;
                    case WEIGHT -> Operand.FILTER;
                    case PSUM, OFMAP -> Operand.PSUM;
                };
                for (Access ac : Access.values()) {
                    a.add(level, o, est.count(l, t, ac));
                }
            }
        }
        a.addMacs(est.macs());
        return a;
    }

    static Level levelOf(String name) {
        if (name.equals(RsLevels.DRAM)) {
            return Level.DRAM;
        }
        if (name.equals(RsLevels.NOC)) {
            return Level.ARRAY;
        }
        if (name.startsWith("spad_")) {
            return Level.RF;
        }
        return Level.GLB;
    }
}
