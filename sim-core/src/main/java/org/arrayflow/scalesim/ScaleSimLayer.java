package org.arrayflow.scalesim;

/**
 * One row of SCALE-Sim's three reports for a layer. Cycles follow SCALE-Sim's clock: cycle 0 is the
 * first demand row; {@code totalCycles} is the index of the last one (folds x cycles per fold - 1 + stalls).
 * Start/stop cycles are doubles because SCALE-Sim prints them as floats.
 */
public record ScaleSimLayer(int id, String name, long totalCycles, long stallCycles, double overallUtilPct,
                            double mappingEfficiencyPct, double computeUtilPct,
                            Span sramIfmap, long sramIfmapReads, Span sramFilter, long sramFilterReads,
                            Span sramOfmap, long sramOfmapWrites,
                            Span dramIfmap, long dramIfmapReads, Span dramFilter, long dramFilterReads,
                            Span dramOfmap, long dramOfmapWrites) {

    /** First and last cycle in which an interface was used. */
    public record Span(double start, double stop) {
        /** Average words per cycle over the span, as SCALE-Sim computes DRAM bandwidth: count / (stop - start + 1). */
        public double bandwidth(long count) {
            double cycles = stop - start + 1;
            return count == 0 || cycles <= 0 ? 0 : count / cycles;
        }
    }

    /** SRAM bandwidth as SCALE-Sim computes it: count / total cycles. */
    public double sramBandwidth(long count) {
        return totalCycles == 0 ? 0 : (double) count / totalCycles;
    }
}
