package org.arrayflow.kind.rowstationary;

/**
 * Run-length coding of feature maps on the DRAM bus, as on the Eyeriss chip: each pair is a run of up to
 * 31 zeros (5 bits) and one 16-bit value, three pairs per 64-bit bus word. With zeros independent at
 * fraction z, every non-zero value ends a pair, and a run of 32 or more zeros needs an extra pair per 32:
 * pairs = N (1 - z) (1 + z^32 / (1 - z^32)). The result is in 16-bit word equivalents (4 per bus word),
 * so dense data (z = 0) grows by 4/3.
 */
final class Rlc {
    private Rlc() {}

    /** Words on the bus for {@code dense} words with zero fraction z; z &lt; 0 means not coded. */
    static long busWords(long dense, double z) {
        if (z < 0 || dense == 0) {
            return dense;
        }
        double perValue;
        if (z >= 1) {
            perValue = 1.0 / 32;
        } else {
            double z32 = Math.pow(z, 32);
            perValue = (1 - z) * (1 + z32 / (1 - z32));
        }
        long pairs = (long) Math.ceil(dense * perValue - 1e-9);
        return (pairs + 2) / 3 * 4;
    }
}
