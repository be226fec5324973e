package org.arrayflow.study.isca16;

/**
 * Energy per access of one 16-bit word, relative to one MAC: ISCA 2016 Table IV (65 nm):
 * ALU 1, RF 1, array (inter-PE) 2, global buffer 6, DRAM 200.
 */
public record NormalizedCosts(double alu, double rf, double array, double glb, double dram) {
    public static final NormalizedCosts ISCA16 = new NormalizedCosts(1, 1, 2, 6, 200);

    public double of(Level l) {
        return switch (l) {
            case DRAM -> dram;
            case GLB -> glb;
            case ARRAY -> array;
            case RF -> rf;
        };
    }
}
