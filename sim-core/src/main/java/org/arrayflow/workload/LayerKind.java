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
    LAYERNORM("layernorm"),
    /** Transposed convolution, lowered as the per-input-pixel scatter GEMM (see {@link Problem}). */
    CONV_TRANSPOSE("conv_transpose"),
    /** Inputs of one height and width joined along channels: data movement only. */
    CONCAT("concat"),
    /** A channel range of the input (one part of a split, or a slice): data movement only. */
    SPLIT("split"),
    /** A spatial window of the input, every channel (U-Net's crop before a skip concatenation): data movement only. */
    CROP("crop"),
    /** An element-wise function ({@link Activation}). */
    ACTIVATION("activation"),
    /** Inference batch normalisation: a scale and a shift per channel. */
    BATCHNORM("batchnorm"),
    /** Upsampling (resize) by nearest or bilinear interpolation ({@link Interpolation}). */
    UPSAMPLE("upsample"),
    /** A table lookup: the rows of a vocabulary x dim table for each token. */
    EMBEDDING("embedding");

    private final String yamlName;

    LayerKind(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Layers whose work is multiply-accumulates on the PE array; the rest run on a vector unit. */
    public boolean isMatrix() {
        return this == CONV2D || this == FC || this == LINEAR || this == GEMM || this == MATMUL
                || this == CONV_TRANSPOSE;
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
