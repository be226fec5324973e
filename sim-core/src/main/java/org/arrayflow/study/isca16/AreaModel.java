package org.arrayflow.study.isca16;

/**
 * Equal storage area (ISCA 2016 Eq. 2): the baseline budget is {@code pes} register files of
 * {@code baselineRfBytes} plus a {@code baselineGlbBytes} global buffer; a dataflow that keeps
 * {@code rf} bytes per PE gets the rest of that area as global buffer. Area is counted in
 * "GLB bytes": one RF byte costs {@code rfPerGlbByteArea} GLB bytes of area.
 *
 * <p>Default ratio 1.6, the one the ISCA 2016 paper's own statements imply (global buffers differ by up to
 * 2.6x, total storage by up to 80 kB, both stated in its text): with no RF at all,
 * 128 kB + 256 x 512 B x 1.6 = 333 kB = 2.6 x 128 kB, 77 kB more storage than the RS baseline's 256 kB.
 * The alternative, 3.75, is the chip's: Eyeriss JSSC 2017 (sec. VI) states that the PE
 * scratchpads take about 2.5x the area of the global buffer while holding about 1.5x less, so per byte an
 * RF costs about 2.5 x 1.5 = 3.75 times the GLB. A reproduction of the paper follows the paper's figure;
 * the reproduction reports the claims under the other ratio as a sensitivity.
 */
public record AreaModel(int pes, long baselineRfBytes, long baselineGlbBytes, double rfPerGlbByteArea, String source) {
    public static final double JSSC17_RATIO = 2.5 * 1.5;
    public static final double ISCA16_IMPLIED_RATIO = 1.6;

    public static AreaModel isca16(double ratio) {
        String source = ratio == JSSC17_RATIO
                ? "RF:GLB area per byte 3.75 (Eyeriss JSSC 2017: spads ~2.5x the GLB area at ~1.5x less capacity)"
                : ratio == ISCA16_IMPLIED_RATIO
                ? "RF:GLB area per byte 1.60 (implied by the ISCA 2016 text: buffers differ by up to 2.6x)"
                : String.format(java.util.Locale.ROOT, "RF:GLB area per byte %.2f", ratio);
        return new AreaModel(256, 512, 128 * 1024, ratio, source);
    }

    /** The whole storage area in GLB-byte units. */
    public double budget() {
        return pes * baselineRfBytes * rfPerGlbByteArea + baselineGlbBytes;
    }

    /** Global buffer bytes left for a dataflow keeping {@code rfBytes} per PE (whole 16-bit words). */
    public long glbBytes(long rfBytes) {
        return glbBytes(rfBytes, 16);
    }

    /**
     * Global buffer bytes left for a dataflow keeping {@code rfBytes} per PE, in whole words of {@code wordBits}
     * (a whole number of bytes). The area is in bytes at every width: narrower words leave the same silicon, which
     * holds more of them.
     */
    public long glbBytes(long rfBytes, int wordBits) {
        double glb = budget() - pes * rfBytes * rfPerGlbByteArea;
        if (glb <= 0) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "an RF of %d B per PE on %d PEs takes "
                    + "%.0f of the %.0f GLB-byte storage area: no global buffer is left", rfBytes, pes,
                    pes * rfBytes * rfPerGlbByteArea, budget()));
        }
        int wordBytes = wordBits / 8;
        return Math.round(glb / wordBytes) * wordBytes;
    }
}
