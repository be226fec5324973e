package org.arrayflow.kind.toy;

import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.Dram;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Precision;

/**
 * A fourth architecture kind that lives in the test sources only: {@code pes} MAC units behind one SRAM and a
 * DRAM link. It shows what a new kind needs: this record, a reader and a planner in its own package, a
 * schema, and one registration.
 */
public record ToyArch(String name, String source, double clockMhz, int wordBits, int pes, long sramBytes, Dram dram,
                      double macPj, double sramPj) implements Architecture {
    @Override
    public long peCount() {
        return pes;
    }

    @Override
    public String energySource() {
        return "made up for the test";
    }

    @Override
    public Precision precision() {
        return Precision.of(Datatype.word(wordBits), Datatype.word(wordBits));
    }

    @Override
    public long onChipBytes() {
        return sramBytes;
    }

    @Override
    public String kind() {
        return ToyKind.TYPE;
    }

    ToyArch withPes(int p) {
        return new ToyArch(name, source, clockMhz, wordBits, p, sramBytes, dram, macPj, sramPj);
    }
}
