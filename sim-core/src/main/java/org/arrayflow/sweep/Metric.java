package org.arrayflow.sweep;

import org.arrayflow.config.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures recorded for every design point, in {@code points.csv} column order, in the units of every
 * output (seconds, joules, bytes: docs/outputs.md, "Units"). Each says whether smaller or larger is better,
 * which the Pareto front and the "best point" summary use.
 */
public enum Metric {
    LATENCY_CYCLES("latency_cycles", true),
    LATENCY_S("latency_s", true),
    ENERGY_J("energy_j", true),
    EDP_J_S("edp_j_s", true),
    DRAM_BYTES("dram_bytes", true),
    UTILIZATION("utilization", false),
    PE_COUNT("pe_count", true),
    SRAM_BYTES("sram_bytes", true),
    AREA_MM2("area_mm2", true);

    private final String column;
    private final boolean minimise;

    Metric(String column, boolean minimise) {
        this.column = column;
        this.minimise = minimise;
    }

    public String column() { return column; }

    public boolean minimise() { return minimise; }

    /** True when {@code a} is at least as good as {@code b}. */
    public boolean noWorse(double a, double b) {
        return minimise ? a <= b : a >= b;
    }

    /** A metric by column name, or by the short names latency, energy, edp, dram, area. */
    public static Metric byName(String s) {
        String n = s.toLowerCase(Locale.ROOT);
        switch (n) {
            case "latency": return LATENCY_CYCLES;
            case "energy": return ENERGY_J;
            case "edp": return EDP_J_S;
            case "dram": return DRAM_BYTES;
            case "area": return AREA_MM2;
            default:
                for (Metric m : values()) {
                    if (m.column.equals(n)) {
                        return m;
                    }
                }
                return null;
        }
    }

    /** The column a name had before the units were made one (docs/outputs.md), for a hint; null if none. */
    public static Metric renamed(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "latency_ms": return LATENCY_S;
            case "energy_uj": return ENERGY_J;
            case "edp_uj_ms": return EDP_J_S;
            case "sram_kib": return SRAM_BYTES;
            default: return null;
        }
    }

    public static String names() {
        StringBuilder sb = new StringBuilder("latency, energy, edp, dram, area");
        for (Metric m : values()) {
            sb.append(", ").append(m.column);
        }
        return sb.toString();
    }

    /** The Pareto fronts a sweep file asks for ({@code pareto:} pairs), after latency vs energy, without repeats. */
    static List<Metric[]> paretoPairs(Node root) {
        List<Metric[]> out = new ArrayList<>();
        out.add(new Metric[] {LATENCY_CYCLES, ENERGY_J});
        if (root.has("pareto")) {
            for (Node pair : root.get("pareto").items()) {
                Metric[] m = new Metric[2];
                for (int k = 0; k < 2; k++) {
                    m[k] = byName(pair.at(k).text());
                    if (m[k] == null && renamed(pair.at(k).text()) != null) {
                        throw pair.at(k).error("metric '" + pair.at(k).text() + "' is now '"
                                + renamed(pair.at(k).text()).column() + "' (outputs give seconds, joules and bytes: "
                                + "docs/outputs.md)");
                    }
                    if (m[k] == null) {
                        throw pair.at(k).error("unknown metric '" + pair.at(k).text() + "' (known: " + names() + ")");
                    }
                }
                if (m[0] == m[1]) {
                    throw pair.error("a Pareto front needs two different metrics");
                }
                boolean dup = out.stream().anyMatch(p -> p[0] == m[0] && p[1] == m[1]);
                if (!dup) {
                    out.add(m);
                }
            }
        }
        return out;
    }
}
