package org.arrayflow.tensor;

import java.util.List;

/**
 * The datatypes a compute unit (a PE, a DSP slice) multiplies, each at its own rate, and what a layer asking for
 * another type runs as. An architecture that declares nothing computes its word at one MAC per unit per cycle,
 * and narrower integers on the same multipliers (at the word's rate and cost); anything else is refused.
 *
 * @param modes    the supported datatypes, in the order declared
 * @param fallback the mode an unlisted datatype runs as when it fits in it ({@link Datatype#fitsIn}); null: none
 * @param declared whether the architecture file listed its datatypes
 */
public record ComputeModes(List<Mode> modes, Datatype fallback, boolean declared) {

    /**
     * One supported datatype.
     *
     * @param macsPerCycle MACs one unit does per cycle in this type (e.g. 1 fp16, 2 int8, 4 int4)
     * @param macPj        energy of one MAC in this type, or NaN: scaled from the architecture's word cost
     * @param accumulator  the partial sums' type in this mode (int32 for int8, fp32 for fp16, ...), or null: the
     *                     architecture's accumulator
     */
    public record Mode(Datatype type, int macsPerCycle, double macPj, Datatype accumulator) {}

    /**
     * What a layer runs as.
     *
     * @param asked   the layer's multiply type ({@link Precision#multiplyType()})
     * @param runsAs  the mode it runs in: {@code asked} itself, or the fallback
     */
    public record Selected(Datatype asked, Mode runsAs) {
        public boolean fellBack() {
            return !asked.sameArithmetic(runsAs.type());
        }
    }

    public ComputeModes {
        modes = List.copyOf(modes);
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("a compute unit needs at least one datatype");
        }
    }

    /** What an architecture that lists no datatypes does: its word, and narrower integers as the word. */
    public static ComputeModes wordOnly(Datatype word) {
        return new ComputeModes(List.of(new Mode(word, 1, Double.NaN, null)), word, false);
    }

    /**
     * The architecture's word as its modes name it: the first listed mode of the word's width and storage (an
     * FPGA engine whose 32-bit word is fp32 lists fp32), else the plain integer word.
     */
    public Datatype word(Datatype integerWord) {
        if (declared) {
            for (Mode m : modes) {
                if (m.type().bits() == integerWord.bits() && m.type().storageBits() == integerWord.storageBits()) {
                    return m.type();
                }
            }
        }
        return integerWord;
    }

    /** The mode for a multiply type: its own, else the fallback if the type fits in it, else null. */
    public Selected select(Datatype asked) {
        for (Mode m : modes) {
            if (m.type().sameArithmetic(asked)) {
                return new Selected(asked, m);
            }
        }
        if (fallback != null && asked.fitsIn(fallback)) {
            return new Selected(asked, mode(fallback));
        }
        return null;
    }

    private Mode mode(Datatype t) {
        for (Mode m : modes) {
            if (m.type().sameArithmetic(t)) {
                return m;
            }
        }
        throw new IllegalStateException("fallback " + t + " is not a mode");
    }

    /** The modes as a user reads them, e.g. {@code int8 (2 MACs/cycle), fp16 (1 MAC/cycle); others as fp16}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Mode m : modes) {
            sb.append(sb.length() == 0 ? "" : ", ").append(declared ? m.type().name() : "integers of up to "
                    + m.type().bits() + " bits").append(" (").append(m.macsPerCycle())
                    .append(m.macsPerCycle() == 1 ? " MAC" : " MACs").append("/cycle)");
        }
        if (declared && fallback != null) {
            sb.append("; types that fit in ").append(fallback.name()).append(" run as ").append(fallback.name());
        }
        return sb.toString();
    }
}
