package org.arrayflow.report;

import org.arrayflow.arch.Architecture;

/**
 * What a report needs to know about an architecture beyond its results: the roofs of the roofline
 * (PEs x clock, DRAM bandwidth) and where its energy figures come from. Works for every kind.
 *
 * @param dramGBps sustained DRAM bandwidth in GB/s (1e9 bytes per second): what the engine's DRAM link moves
 */
public record ArchFacts(String name, String kind, long peCount, double clockMhz, double dramGBps,
                        String energySource) {

    public static ArchFacts of(Architecture a) {
        return new ArchFacts(a.name(), a.kind(), a.peCount(), a.clockMhz(), a.sustainedDramGBps(), a.energySource());
    }

    /** Compute roof in GMAC/s: every PE does one MAC per cycle. */
    public double peakGmacs() {
        return peCount * clockMhz / 1e3;
    }

    /** Operational intensity (MACs per DRAM byte) where the bandwidth slope meets the compute roof. */
    public double ridgeMacsPerByte() {
        return dramGBps == 0 ? 0 : peakGmacs() / dramGBps;
    }
}
