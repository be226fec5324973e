package org.arrayflow.workload;

/**
 * How an {@code upsample} layer computes each output element, and its cost in element operations per output
 * element: nearest copies the nearest input element (one move); bilinear weighs the four nearest input
 * elements, with weights fixed per output position (4 multiplies + 3 adds = 7).
 */
public enum Interpolation {
    NEAREST("nearest", 1),
    BILINEAR("bilinear", 7);

    private final String yamlName;
    private final int opsPerOutput;

    Interpolation(String yamlName, int opsPerOutput) {
        this.yamlName = yamlName;
        this.opsPerOutput = opsPerOutput;
    }

    public String yamlName() {
        return yamlName;
    }

    public int opsPerOutput() {
        return opsPerOutput;
    }

    public static Interpolation fromYaml(String name) {
        for (Interpolation i : values()) {
            if (i.yamlName.equals(name)) {
                return i;
            }
        }
        return null;
    }
}
