package org.arrayflow.energy;

import org.arrayflow.tensor.Tensor;
import org.arrayflow.engine.Access;
import org.arrayflow.engine.EngineResult;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.Traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns engine counters into traffic and energy: every energy figure is a count times a per-event
 * cost from the architecture's table, kept as a line item so reports can show its provenance.
 */
public final class EnergyAccount {
    private EnergyAccount() {}

    /** Word size in bits of each tensor: data words, except partial sums at accumulator width. */
    public static int tensorBits(Tensor t, int wordBits, int psumBits) {
        return t == Tensor.PSUM ? psumBits : wordBits;
    }

    public static List<Traffic> traffic(EngineResult r, EnergyTable table, int wordBits, int psumBits) {
        List<Traffic> out = new ArrayList<>();
        for (int l = 0; l < table.levels().size(); l++) {
            for (Tensor t : Tensor.values()) {
                long rd = r.count(l, t.ordinal(), Access.READ);
                long wr = r.count(l, t.ordinal(), Access.WRITE);
                long fi = r.count(l, t.ordinal(), Access.FILL);
                long dr = r.count(l, t.ordinal(), Access.DRAIN);
                if (rd + wr + fi + dr == 0) {
                    continue;
                }
                long bytes = (rd + wr + fi + dr) * ((tensorBits(t, wordBits, psumBits) + 7) / 8);
                out.add(new Traffic(table.levels().get(l).name(), t.label(), rd, wr, fi, dr, bytes));
            }
        }
        return out;
    }

    public static List<EnergyItem> energy(List<Traffic> traffic, EnergyTable table, long macs, long vectorOps,
                                          long cycles, int wordBits, int psumBits) {
        List<EnergyItem> out = new ArrayList<>();
        if (macs > 0) {
            out.add(EnergyItem.of("mac", "MACs", macs, table.macPj()));
        }
        if (vectorOps > 0) {
            out.add(EnergyItem.of("vector", "vector element operations", vectorOps, table.vectorOpPj()));
        }
        for (EnergyTable.LevelCost lc : table.levels()) {
            for (Traffic t : traffic) {
                if (!t.level().equals(lc.name())) {
                    continue;
                }
                int bits = tensorBits(Tensor.fromLabel(t.tensor()), wordBits, psumBits);
                if (lc.perByte()) {
                    long bytesPerWord = (bits + 7) / 8;
                    add(out, lc.name(), t.tensor() + " bytes read", (t.reads() + t.drains()) * bytesPerWord, lc.readPj());
                    add(out, lc.name(), t.tensor() + " bytes written", (t.writes() + t.fills()) * bytesPerWord, lc.writePj());
                } else {
                    double scale = (double) bits / lc.wordBits();
                    add(out, lc.name(), t.tensor() + " word reads", t.reads() + t.drains(), lc.readPj() * scale);
                    add(out, lc.name(), t.tensor() + " word writes", t.writes() + t.fills(), lc.writePj() * scale);
                }
            }
        }
        if (table.leakagePjPerCycle() > 0) {
            out.add(EnergyItem.of("leakage", "cycles", cycles, table.leakagePjPerCycle()));
        }
        return out;
    }

    private static void add(List<EnergyItem> out, String component, String detail, long count, double unit) {
        if (count > 0) {
            out.add(EnergyItem.of(component, detail, count, unit));
        }
    }
}
