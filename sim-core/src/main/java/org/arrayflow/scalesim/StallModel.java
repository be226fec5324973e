package org.arrayflow.scalesim;

import java.util.Locale;

/**
 * How stalls are found in SCALE-Sim mode with USER bandwidth.
 * PHYSICAL: the engine moves each byte once at the configured DRAM bandwidth (Arrayflow's own model).
 * SCALESIM: {@link StallEmulation} replays SCALE-Sim v2's double-buffered memory bookkeeping, so Total and
 * Stall Cycles and the DRAM figures of its reports come out as SCALE-Sim prints them.
 */
public enum StallModel {
    PHYSICAL, SCALESIM;

    /** The model named {@code physical} or {@code scalesim}; null for anything else. */
    public static StallModel fromName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "physical" -> PHYSICAL;
            case "scalesim" -> SCALESIM;
            default -> null;
        };
    }
}
