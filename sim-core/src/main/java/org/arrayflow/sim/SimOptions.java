package org.arrayflow.sim;

/**
 * @param trace          keep every task's start and end for a Chrome/Perfetto trace
 * @param scaleSimCompat SCALE-Sim conventions (no fold splitting, no activation reuse across layers)
 * @param adjustment     a step applied to every result after it is accounted (SCALE-Sim's timing), or null
 */
public record SimOptions(boolean trace, boolean scaleSimCompat, ResultAdjustment adjustment) {
    public static final SimOptions DEFAULT = new SimOptions(false, false);

    public SimOptions(boolean trace, boolean scaleSimCompat) {
        this(trace, scaleSimCompat, null);
    }
}
