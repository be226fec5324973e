package org.arrayflow.sim;

import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.Buffer;
import org.arrayflow.arch.RowStationaryArch;
import org.arrayflow.arch.SystolicArch;
import org.arrayflow.arch.Tensor;
import org.arrayflow.arch.TiledFusionArch;
import org.arrayflow.dataflow.Dataflow;
import org.arrayflow.dataflow.rowstationary.RsPlanner;
import org.arrayflow.dataflow.systolic.SystolicPlanner;
import org.arrayflow.dataflow.tiled.TiledPlanner;
import org.arrayflow.energy.EnergyTable;

import java.util.ArrayList;
import java.util.List;

/**
 * What the simulator needs of an architecture kind: its dataflow, its energy table, the width of
 * partial sums, and the buffer (if any) where activations can stay between layers.
 *
 * @param activationBuffer index of a buffer holding both ifmap and ofmap, or -1
 */
public record ArchModel(Dataflow dataflow, EnergyTable energy, int wordBits, int psumBits, int bufferCount,
                        int activationBuffer, long activationBufferBytes) {

    public static ArchModel of(Architecture arch) {
        if (arch instanceof SystolicArch s) {
            return systolic(s);
        }
        if (arch instanceof TiledFusionArch t) {
            return tiledFusion(t);
        }
        if (arch instanceof RowStationaryArch rs) {
            return rowStationary(rs);
        }
        throw new IllegalArgumentException("no model for architecture kind " + arch.kind());
    }

    private static ArchModel systolic(SystolicArch s) {
        List<EnergyTable.LevelCost> levels = new ArrayList<>();
        levels.add(new EnergyTable.LevelCost("dram", s.dram().energyPjPerByte(), s.dram().energyPjPerByte(), 8, true));
        int shared = -1;
        long sharedBytes = 0;
        for (int i = 0; i < s.buffers().size(); i++) {
            Buffer b = s.buffers().get(i);
            levels.add(new EnergyTable.LevelCost(b.name(), b.readEnergyPj(), b.writeEnergyPj(), b.wordBits(), false));
            if (b.holds(Tensor.IFMAP) && b.holds(Tensor.OFMAP)) {
                shared = i;
                sharedBytes = b.sizeBytes();
            }
        }
        EnergyTable table = new EnergyTable(s.macEnergyPj(), s.vectorOpEnergyPj(), s.leakagePjPerCycle(), levels,
                s.energySource());
        return new ArchModel(new SystolicPlanner(s), table, s.wordBits(), s.accumulatorBits(), s.buffers().size(), shared,
                sharedBytes);
    }

    /** FPGA tiles: DRAM per byte, BRAM per word; partial sums kept at the word width (fp32 or wide DSP accumulators). */
    private static ArchModel tiledFusion(TiledFusionArch t) {
        List<EnergyTable.LevelCost> levels = List.of(
                new EnergyTable.LevelCost("dram", t.dram().energyPjPerByte(), t.dram().energyPjPerByte(), 8, true),
                new EnergyTable.LevelCost("bram", t.bramReadPj(), t.bramWritePj(), t.wordBits(), false));
        EnergyTable table = new EnergyTable(t.macEnergyPj(), 0, t.leakagePjPerCycle(), levels, t.energySource());
        return new ArchModel(new TiledPlanner(t), table, t.wordBits(), t.wordBits(), 3, -1, 0);
    }

    /**
     * Row-stationary: levels as the planner counts them (dram, GLB partitions, noc, spads), every access
     * one word at the architecture's cost for its level. Partial sums are word-wide (the chip keeps 16-bit
     * psums). No buffer keeps activations between layers: the chip writes every ofmap back to DRAM.
     */
    private static ArchModel rowStationary(RowStationaryArch a) {
        RsPlanner planner = new RsPlanner(a);
        RowStationaryArch.RsEnergy e = a.energy();
        List<EnergyTable.LevelCost> levels = new ArrayList<>();
        for (String name : planner.levels()) {
            double c = name.equals("dram") ? e.dramPj() : name.equals("noc") ? e.nocPj()
                    : name.startsWith("spad_") ? e.spadPj() : e.glbPj();
            levels.add(new EnergyTable.LevelCost(name, c, c, a.wordBits(), false));
        }
        EnergyTable table = new EnergyTable(e.macPj(), 0, 0, levels, a.energySource());
        return new ArchModel(planner, table, a.wordBits(), a.wordBits(), 0, -1, 0);
    }
}
