package org.arrayflow.workload;

/**
 * The element-wise functions an {@code activation} layer applies, with their YAML names and what each costs on
 * a vector unit in element operations per element. The count is of the operations the function is written
 * in, each add, multiply, divide, min or max one operation and each transcendental (exp, erf, tanh) one
 * operation as a vector unit's special-function step, so the counts can be checked by reading the formula:
 * <ul>
 * <li>relu: max(0, x): 1;</li>
 * <li>relu6 (clip): min(max(x, lo), hi): 2;</li>
 * <li>leaky_relu: max(x, a·x) (darknet a = 0.1, ONNX 0.01): multiply, max: 2;</li>
 * <li>sigmoid: 1 / (1 + exp(-x)): exp, add, divide: 3;</li>
 * <li>hardsigmoid: max(0, min(1, a·x + b)) (ONNX: a = 0.2, b = 0.5): multiply, add, min, max: 4;</li>
 * <li>hardswish: x · hardsigmoid(x) (a = 1/6): 4 + 1 multiply: 5;</li>
 * <li>tanh: 1;</li>
 * <li>gelu: 0.5 · x · (1 + erf(x / sqrt 2)): multiply, erf, add, multiply, multiply: 5;</li>
 * <li>silu (swish): x · sigmoid(x): 3 + 1 multiply: 4.</li>
 * </ul>
 */
public enum Activation {
    RELU("relu", 1),
    RELU6("relu6", 2),
    CLIP("clip", 2),
    LEAKY_RELU("leaky_relu", 2),
    SIGMOID("sigmoid", 3),
    HARDSIGMOID("hardsigmoid", 4),
    HARDSWISH("hardswish", 5),
    TANH("tanh", 1),
    GELU("gelu", 5),
    SILU("silu", 4),
    SWISH("swish", 4);

    private final String yamlName;
    private final int opsPerElement;

    Activation(String yamlName, int opsPerElement) {
        this.yamlName = yamlName;
        this.opsPerElement = opsPerElement;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Element operations per element of the tensor. */
    public int opsPerElement() {
        return opsPerElement;
    }

    /** The function of a YAML name, or null. */
    public static Activation fromYaml(String name) {
        for (Activation a : values()) {
            if (a.yamlName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
