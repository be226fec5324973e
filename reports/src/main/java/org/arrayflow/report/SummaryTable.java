package org.arrayflow.report;

import org.arrayflow.result.NetworkResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The plain-text summary printed by {@code arrayflow run}, in the display units of docs/outputs.md: ms, GMAC/s,
 * decimal kB/MB/GB, µJ (written uJ) and pJ per MAC.
 */
public final class SummaryTable {
    private SummaryTable() {}

    public static String render(NetworkResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"architecture", r.arch() + " (" + r.archKind() + ", " + Fmt.grouped(r.peCount()) + " PEs, "
                + Fmt.fixed(r.clockMhz(), 0) + " MHz)"});
        rows.add(new String[] {"workload", r.workload() + " (batch " + r.batch() + ", " + r.layers().size() + " layers)"});
        rows.add(new String[] {"MACs", Fmt.grouped(r.macs())});
        rows.add(new String[] {"total cycles", Fmt.grouped(r.totalCycles())});
        rows.add(new String[] {"compute cycles", Fmt.grouped(r.computeCycles())});
        rows.add(new String[] {"stall cycles", Fmt.grouped(r.stallCycles())});
        rows.add(new String[] {"latency", Fmt.fixed(r.seconds() * 1e3, 3) + " ms"});
        rows.add(new String[] {"throughput", Fmt.fixed(r.seconds() == 0 ? 0 : r.batch() / r.seconds(), 1)
                + " inferences/s, " + Fmt.fixed(r.seconds() == 0 ? 0 : r.macs() / r.seconds() / 1e9, 1) + " GMAC/s"});
        rows.add(new String[] {"utilization", Fmt.fixed(100 * r.utilization(), 2) + " %"});
        for (String level : r.levels()) {
            rows.add(new String[] {level + " traffic", Fmt.bytes(r.bytes(level))});
        }
        if (!r.energyModelled()) {
            rows.add(new String[] {"energy", "not modelled: " + r.energyNotModelled()});
        } else {
            rows.add(new String[] {"energy", Fmt.fixed(r.energyPj() / 1e6, 1) + " uJ (" + Fmt.fixed(
                    r.macs() == 0 ? 0 : r.energyPj() / r.macs(), 3) + " pJ/MAC)"});
        }
        for (String c : r.energyModelled() ? r.energyComponents() : List.<String>of()) {
            double e = r.energyPj(c);
            rows.add(new String[] {"  " + c, Fmt.fixed(e / 1e6, 1) + " uJ (" + Fmt.fixed(r.energyPj() == 0 ? 0 : 100 * e / r.energyPj(), 1) + " %)"});
        }
        int w = 0;
        for (String[] row : rows) {
            w = Math.max(w, row[0].length());
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            sb.append(String.format(java.util.Locale.ROOT, "%-" + w + "s  %s%n", row[0], row[1]));
        }
        return sb.toString();
    }
}
