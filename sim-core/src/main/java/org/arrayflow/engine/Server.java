package org.arrayflow.engine;

/**
 * A resource that executes tasks. A UNIT (the PE array, a vector unit) runs one task at a time for
 * the task's cycle count. A LINK (DRAM, an off-chip bus) moves bytes over {@code channels} channels of
 * {@code bytesPerCycle} each; a transfer holds a channel for bytes / rate cycles and completes
 * {@code latency} cycles after that, so latency overlaps with later transfers.
 */
public record Server(String name, Kind kind, double bytesPerCycle, long latency, int channels) {
    public enum Kind { UNIT, LINK }

    public static Server unit(String name) {
        return new Server(name, Kind.UNIT, 0, 0, 1);
    }

    public static Server link(String name, double totalBytesPerCycle, long latency, int channels) {
        if (!(totalBytesPerCycle > 0)) {
            throw new IllegalArgumentException("link bandwidth must be positive: " + name);
        }
        return new Server(name, Kind.LINK, totalBytesPerCycle / channels, latency, channels);
    }

    /** Cycles a channel is held by a transfer of {@code bytes}. */
    public long occupancy(long bytes) {
        return (long) Math.ceil(bytes / bytesPerCycle - 1e-9);
    }
}
