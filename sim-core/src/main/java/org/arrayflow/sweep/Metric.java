package org.arrayflow.sweep;

import java.util.Locale;

/**
 * The figures recorded for every design point, in {@code points.csv} column order. Each says whether
 * smaller or larger is better, which the Pareto front and the "best point" summary use.
 */
public enum Metric {
    LATENCY_CYCLES("latency_cycles", true),
    LATENCY_MS("latency_ms", true),
    ENERGY_UJ("energy_uj", true),
    EDP_UJ_MS("edp_uj_ms", true),
    DRAM_BYTES("dram_bytes", true),
    UTILIZATION("utilization", false),
    PE_COUNT("pe_count", true),
    SRAM_KIB("sram_kib", true),
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
            case "energy": return ENERGY_UJ;
            case "edp": return EDP_UJ_MS;
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

    public static String names() {
        StringBuilder sb = new StringBuilder("latency, energy, edp, dram, area");
        for (Metric m : values()) {
            sb.append(", ").append(m.column);
        }
        return sb.toString();
    }
}
