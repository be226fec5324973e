package org.arrayflow.study.isca16;

/** The three data types whose reuse the ISCA 2016 model splits over the levels (ofmaps count as psums). */
public enum Operand {
    IFMAP, FILTER, PSUM;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
