package org.arrayflow.workload;

/** The closed set of layer types a workload may use, with their YAML names. */
public enum LayerKind {
    CONV2D("conv2d"),
    FC("fc"),
    LINEAR("linear"),
    GEMM("gemm"),
    MATMUL("matmul"),
    MAXPOOL("maxpool"),
    AVGPOOL("avgpool"),
    GLOBAL_AVGPOOL("global_avgpool"),
    ADD("add"),
    SOFTMAX("softmax"),
    LAYERNORM("layernorm");

    private final String yamlName;

    LayerKind(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Layers whose work is multiply-accumulates on the PE array; the rest run on a vector unit. */
    public boolean isMatrix() {
        return this == CONV2D || this == FC || this == LINEAR || this == GEMM || this == MATMUL;
    }

    public static LayerKind fromYaml(String name) {
        for (LayerKind k : values()) {
            if (k.yamlName.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
