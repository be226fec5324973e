package org.arrayflow.energy;

import org.arrayflow.tensor.Datatype;

/**
 * Relative cost of one multiply-accumulate by datatype, for architectures that give one MAC energy (for their
 * word) and not one per datatype: a MAC in another type costs the word's figure times
 * {@code cost(type, accumulator) / cost(word, word accumulator)}.
 *
 * <p>cost = multiply(operand type) + add(accumulator type), from Horowitz, "Computing's Energy Problem (and what
 * we can do about it)", ISSCC 2014, 45 nm at 0.9 V: integer add 0.03 / 0.05 / 0.1 pJ at 8 / 16 / 32 bits,
 * integer multiply 0.2 pJ at 8 bits and 3.1 at 32, fp16 add 0.4 and multiply 1.1, fp32 add 0.9 and multiply 3.7.
 * Widths the table lacks follow a power law through the two table points of their class: an integer multiply
 * grows as bits^1.98 (0.2 -> 3.1 over 8 -> 32 bits, close to the array multiplier's bits squared), an
 * integer add as bits^0.87, a float multiply with its significand as s^1.56 (fp16's 11 bits -> fp32's 24), a
 * float add with its width as bits^1.17 (16 -> 32). Only the ratios are used, so the 45 nm scale cancels.
 */
public final class MacCost {
    private MacCost() {}

    /** Energy of a MAC in {@code operand} accumulating in {@code accumulator}, in Horowitz's 45 nm pJ. */
    public static double pj(Datatype operand, Datatype accumulator) {
        return multiply(operand) + add(accumulator);
    }

    /** How much a MAC in {@code type} costs relative to one in the architecture's word. */
    public static double scale(Datatype type, Datatype accumulator, Datatype word, Datatype wordAccumulator) {
        if (type.sameArithmetic(word) && accumulator.sameArithmetic(wordAccumulator)) {
            return 1; // exactly: a layer in the architecture's own types is priced as the file says
        }
        return pj(type, accumulator) / pj(word, wordAccumulator);
    }

    static double multiply(Datatype t) {
        if (t.floating()) {
            return 1.1 * Math.pow(t.significandBits() / 11.0, Math.log(3.7 / 1.1) / Math.log(24.0 / 11));
        }
        return t.bits() == 32 ? 3.1 : 0.2 * Math.pow(t.bits() / 8.0, Math.log(3.1 / 0.2) / Math.log(4));
    }

    static double add(Datatype t) {
        if (t.floating()) {
            return t.bits() == 32 ? 0.9 : 0.4 * Math.pow(t.bits() / 16.0, Math.log(0.9 / 0.4) / Math.log(2));
        }
        switch (t.bits()) {
            case 8: return 0.03;
            case 16: return 0.05;
            case 32: return 0.1;
            default: return 0.03 * Math.pow(t.bits() / 8.0, Math.log(0.1 / 0.03) / Math.log(4));
        }
    }
}
