package org.arrayflow.study.isca16;

import org.arrayflow.energy.MacCost;
import org.arrayflow.tensor.Datatype;

/**
 * Energy per access of one word, relative to one 16-bit MAC: ISCA 2016 Table IV (65 nm, 16-bit words):
 * ALU 1, RF 1, array (inter-PE) 2, global buffer 6, DRAM 200.
 */
public record NormalizedCosts(double alu, double rf, double array, double glb, double dram) {
    public static final NormalizedCosts ISCA16 = new NormalizedCosts(1, 1, 2, 6, 200);

    /**
     * The table at another word width, every datum (ifmap, filter, psum) a word of {@code bits}: an access moves
     * its bits, so storage and network costs scale as bits / 16 (as every memory access is priced in the simulator);
     * the MAC (a multiply and an add at the word's width) scales as Horowitz's ISSCC 2014 figures do
     * ({@link MacCost}: 0.275 at 8 bits, 3.82 at 32). At 16 bits it is Table IV exactly.
     */
    public static NormalizedCosts at(int bits) {
        if (bits == 16) {
            return ISCA16;
        }
        Datatype w = Datatype.word(bits);
        Datatype w16 = Datatype.word(16);
        double s = bits / 16.0;
        return new NormalizedCosts(ISCA16.alu * MacCost.pj(w, w) / MacCost.pj(w16, w16), ISCA16.rf * s,
                ISCA16.array * s, ISCA16.glb * s, ISCA16.dram * s);
    }

    public double of(Level l) {
        return switch (l) {
            case DRAM -> dram;
            case GLB -> glb;
            case ARRAY -> array;
            case RF -> rf;
        };
    }
}
