package org.arrayflow.study.isca16;

import org.arrayflow.kind.rowstationary.RsProblem;

/**
 * One dataflow of the ISCA 2016 comparison: what it keeps in each PE's RF (which sets its share of the
 * equal storage area) and the lowest-energy mapping of a layer under its constraints.
 */
public interface ComparedDataflow {
    /** Short name as in the paper (WS, OSA, OSB, OSC, NLR, RS). */
    String name();

    /** RF words per PE this dataflow needs (at any word width: a dataflow is defined by what its PEs keep). */
    long rfWordsPerPe();

    /** RF bytes per PE at {@code wordBits} a word (whole bytes). */
    default long rfBytesPerPe(int wordBits) {
        return (rfWordsPerPe() * wordBits + 7) / 8;
    }

    /** Lowest-energy mapping (deterministic: the first best in a fixed enumeration order). */
    Evaluation best(RsProblem layer, int pes, long glbWords);
}
