package org.arrayflow.study.isca16;

/** The storage levels of the ISCA 2016 cost model, from the most to the least expensive per access. */
public enum Level {
    DRAM, GLB, ARRAY, RF;

    public String label() {
        return switch (this) {
            case DRAM -> "dram";
            case GLB -> "glb";
            case ARRAY -> "array";
            case RF -> "rf";
        };
    }
}
