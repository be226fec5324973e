package org.arrayflow.kind.systolic;

/** Which operand stays in the PEs of a systolic array. */
public enum SystolicDataflow {
    WEIGHT_STATIONARY("weight-stationary", "ws"),
    OUTPUT_STATIONARY("output-stationary", "os"),
    INPUT_STATIONARY("input-stationary", "is");

    private final String yamlName;
    private final String shortName;

    SystolicDataflow(String yamlName, String shortName) {
        this.yamlName = yamlName;
        this.shortName = shortName;
    }

    public String yamlName() { return yamlName; }
    public String shortName() { return shortName; }

    public static SystolicDataflow fromName(String s) {
        for (SystolicDataflow d : values()) {
            if (d.yamlName.equals(s) || d.shortName.equalsIgnoreCase(s)) {
                return d;
            }
        }
        return null;
    }
}
