package org.arrayflow.arch;

/** Off-chip memory: bandwidth, access latency, number of independent channels and energy per byte. */
public record Dram(double bandwidthGbps, long latencyCycles, int channels, double energyPjPerByte) {

    /** Bytes per core clock cycle, for all channels together. */
    public double bytesPerCycle(double clockMhz) {
        return bandwidthGbps * 1e9 / (clockMhz * 1e6);
    }
}
