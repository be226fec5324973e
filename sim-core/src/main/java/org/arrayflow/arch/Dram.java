package org.arrayflow.arch;

/**
 * Off-chip memory: bandwidth, access latency, number of independent channels and energy per byte.
 *
 * @param bandwidthGbps all channels together
 * @param perOperand    how the channels are shared. False (every YAML architecture): pooled behind one controller,
 *                      so a transfer takes whichever channel is free and one operand may use them all at once.
 *                      True: one interface per operand, ifmap, filter and ofmap (its partial sums with it), each of
 *                      {@code bandwidthGbps / channels} and used by its operand alone, so no operand exceeds its
 *                      own interface while the three run side by side (SCALE-Sim's interfaces, {@code
 *                      ScaleSimConfig}, the only place that sets it); {@code channels} is then {@link #OPERANDS}.
 *                      The systolic kind models it; no other kind is given one.
 */
public record Dram(double bandwidthGbps, long latencyCycles, int channels, double energyPjPerByte,
                   boolean perOperand) {
    /** Interfaces of a per-operand DRAM: ifmap, filter, ofmap. */
    public static final int OPERANDS = 3;

    public Dram {
        if (perOperand && channels != OPERANDS) {
            throw new IllegalArgumentException("a DRAM with one interface per operand has " + OPERANDS
                    + " channels, not " + channels);
        }
    }

    /** A DRAM whose channels are pooled. */
    public Dram(double bandwidthGbps, long latencyCycles, int channels, double energyPjPerByte) {
        this(bandwidthGbps, latencyCycles, channels, energyPjPerByte, false);
    }

    /** Bytes per core clock cycle, for all channels together. */
    public double bytesPerCycle(double clockMhz) {
        return bandwidthGbps * 1e9 / (clockMhz * 1e6);
    }
}
