package org.arrayflow.sim;

/**
 * @param trace          keep every task's start and end for a Chrome/Perfetto trace
 * @param scaleSimCompat SCALE-Sim conventions (no fold splitting, no activation reuse across layers)
 */
public record SimOptions(boolean trace, boolean scaleSimCompat) {
    public static final SimOptions DEFAULT = new SimOptions(false, false);
}
