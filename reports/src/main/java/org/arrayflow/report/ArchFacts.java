package org.arrayflow.report;

import org.arrayflow.arch.Architecture;
import org.arrayflow.result.NetworkResult;

/**
 * What a report needs to know about an architecture beyond its results: the roofs of the roofline
 * (PEs x rate x clock, DRAM bandwidth) and where its energy figures come from. Works for every kind.
 *
 * @param dramGBps sustained DRAM bandwidth in GB/s (1e9 bytes per second): what the engine's DRAM link moves
 * @param rate     MACs a PE does per cycle in the fastest mode the run's layers use (2 for fp16 on a TF32 PE)
 */
public record ArchFacts(String name, String kind, long peCount, double clockMhz, double dramGBps,
                        String energySource, int rate) {

    /** Facts of a run at one MAC per PE per cycle. */
    public ArchFacts(String name, String kind, long peCount, double clockMhz, double dramGBps, String energySource) {
        this(name, kind, peCount, clockMhz, dramGBps, energySource, 1);
    }

    /** The architecture as run by {@code r}: its roof at the fastest rate r's layers ran at. */
    public static ArchFacts of(Architecture a, NetworkResult r) {
        int rate = r.layers().stream().mapToInt(l -> l.timing().rate()).max().orElse(1);
        return new ArchFacts(a.name(), a.kind(), a.peCount(), a.clockMhz(), a.sustainedDramGBps(), a.energySource(),
                rate);
    }

    /** Compute roof in GMAC/s: every PE does {@code rate} MACs per cycle. */
    public double peakGmacs() {
        return peCount * (double) rate * clockMhz / 1e3;
    }

    /** Operational intensity (MACs per DRAM byte) where the bandwidth slope meets the compute roof. */
    public double ridgeMacsPerByte() {
        return dramGBps == 0 ? 0 : peakGmacs() / dramGBps;
    }
}
