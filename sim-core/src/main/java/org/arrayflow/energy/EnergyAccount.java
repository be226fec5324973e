package org.arrayflow.energy;

import org.arrayflow.engine.Access;
import org.arrayflow.engine.EngineResult;
import org.arrayflow.result.Activity;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.Traffic;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Turns engine counters into traffic and energy: every energy figure is a count times a per-event
 * cost from the architecture's table, kept as a line item so reports can show its provenance. Counts are in
 * elements; bytes and the cost of an access follow from each tensor's datatype.
 */
public final class EnergyAccount {
    private EnergyAccount() {}

    /**
     * Accesses per level (in the program's level order) and tensor. The program's levels and the table's must
     * be the same set of names: a level without a cost, or a cost without a level, is a defect of the kind.
     */
    public static List<Traffic> traffic(EngineResult r, EnergyTable table, Precision precision) {
        List<String> levels = r.levels();
        if (!new HashSet<>(levels).equals(new HashSet<>(table.levelNames()))) {
            throw new IllegalStateException("the program counts levels " + levels + " but the energy table prices "
                    + table.levelNames());
        }
        List<Traffic> out = new ArrayList<>();
        for (int l = 0; l < levels.size(); l++) {
            for (Tensor t : Tensor.values()) {
                long rd = r.count(l, t.ordinal(), Access.READ);
                long wr = r.count(l, t.ordinal(), Access.WRITE);
                long fi = r.count(l, t.ordinal(), Access.FILL);
                long dr = r.count(l, t.ordinal(), Access.DRAIN);
                if (rd + wr + fi + dr == 0) {
                    continue;
                }
                out.add(new Traffic(levels.get(l), t.label(), rd, wr, fi, dr,
                        precision.bytesAt(levels.get(l), t, rd + wr + fi + dr)));
            }
        }
        return out;
    }

    /** The energy line items of a layer's traffic, MACs, vector operations and cycles. */
    public static List<EnergyItem> energy(List<Traffic> traffic, EnergyTable table, Activity a, long cycles) {
        List<EnergyItem> out = new ArrayList<>();
        if (a.macs() > 0) {
            String detail = a.gatedMacs() > 0 ? "MACs (" + a.gatedMacs() + " more gated by zero operands)" : "MACs";
            add(out, "mac", detail, a.macs() - a.gatedMacs(), a.macUnitPj(table.macPj()));
        }
        if (a.vectorOps() > 0) {
            out.add(EnergyItem.of("vector", "vector element operations", a.vectorOps(), table.vectorOpPj()));
        }
        for (Traffic t : traffic) {
            EnergyTable.LevelCost lc = table.level(t.level());
            Tensor tensor = Tensor.fromLabel(t.tensor());
            Precision p = a.precision();
            if (lc.perByte()) {
                add(out, lc.name(), t.tensor() + " bytes read", p.bytesAt(lc.name(), tensor, t.reads() + t.drains()),
                        lc.readPj());
                add(out, lc.name(), t.tensor() + " bytes written", p.bytesAt(lc.name(), tensor, t.writes() + t.fills()),
                        lc.writePj());
            } else {
                // an access moves the element's bits, fewer where the level holds the tensor compressed
                double scale = (double) p.bits(tensor) / lc.wordBits() * compressedShare(p, lc.name(), tensor, t);
                add(out, lc.name(), t.tensor() + " word reads", t.reads() + t.drains(), lc.readPj() * scale);
                add(out, lc.name(), t.tensor() + " word writes", t.writes() + t.fills(), lc.writePj() * scale);
            }
        }
        if (table.leakagePjPerCycle() > 0) {
            out.add(EnergyItem.of("leakage", "cycles", cycles, table.leakagePjPerCycle()));
        }
        return out;
    }

    /** Compressed over dense bytes of a traffic line's elements at a level (1 where it is stored dense). */
    private static double compressedShare(Precision p, String level, Tensor tensor, Traffic t) {
        long n = t.reads() + t.writes() + t.fills() + t.drains();
        if (p.compression(tensor) == null || !p.compression(tensor).covers(level) || n == 0) {
            return 1;
        }
        return (double) p.bytesAt(level, tensor, n) / p.bytes(tensor, n);
    }

    private static void add(List<EnergyItem> out, String component, String detail, long count, double unit) {
        if (count > 0) {
            out.add(EnergyItem.of(component, detail, count, unit));
        }
    }
}
