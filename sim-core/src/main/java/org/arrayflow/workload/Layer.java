package org.arrayflow.workload;

import org.arrayflow.tensor.Sparse;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.tensor.TensorSpecs;

import java.util.List;

/**
 * A layer with its shapes resolved: its place in the network, what flows in and out, and its computation,
 * the canonical {@link Problem} for matrix layers or a count of element operations for the others, with the
 * datatype and density of each tensor. Counts are for the whole batch. Built by {@link Layers}.
 *
 * @param inputs      names of the layers (or "input") this layer reads
 * @param inputShapes their shapes, per image
 * @param window      kernel or pooling window as written, null for other kinds
 * @param problem     the multiply-accumulate loop nest of a matrix layer, null for the others
 * @param vectorOps   element operations for layers that run on a vector unit (pool, add, softmax, ...)
 * @param constants   elements of the constant tensors a vector layer holds (an embedding's vocabulary x dim
 *                    table, a batch norm's scale and shift per channel), 0 for the others: parameters of the
 *                    network, but not weights (a matrix layer's operand, which the kinds load as such)
 * @param tensors     datatype and density of each tensor (the architecture's datatypes, dense, unless stated)
 */
public record Layer(int index, String name, LayerKind kind, List<String> inputs, List<Shape> inputShapes,
                    Shape output, int batch, Window window, Problem problem, long vectorOps, long constants,
                    TensorSpecs tensors) {

    public Layer {
        inputs = List.copyOf(inputs);
        inputShapes = List.copyOf(inputShapes);
        if ((problem != null) != kind.isMatrix()) {
            throw new IllegalArgumentException("layer '" + name + "': a " + kind.yamlName() + " layer "
                    + (kind.isMatrix() ? "needs" : "has no") + " multiply-accumulate problem");
        }
    }

    /** This layer with its tensors' datatypes and densities replaced. */
    public Layer withTensors(TensorSpecs t) {
        return new Layer(index, name, kind, inputs, inputShapes, output, batch, window, problem, vectorOps, constants,
                t);
    }

    /** Multiply-accumulates for the batch. */
    public long macs() {
        return problem == null ? 0 : problem.macs();
    }

    /** Weight elements (0 for activation-only layers). */
    public long weights() {
        return problem == null ? 0 : problem.weights();
    }

    /** Parameters: the weights, and the constants of a vector layer (an embedding's table, a batch norm's). */
    public long parameters() {
        return weights() + constants;
    }

    /**
     * Weight elements that are non-zero at the weight tensor's stated density, counted as everywhere else
     * ({@link Sparse#nonZeros}: a fraction rounded up, N:M per group). What pruning keeps.
     */
    public long nonzeroWeights() {
        return Sparse.nonZeros(tensors.get(Tensor.WEIGHT).density(), weights());
    }

    /** The matrix products the layer lowers to (empty for vector layers). */
    public List<Gemm> gemms() {
        return problem == null ? List.of() : problem.gemms();
    }

    /** Convolution groups (1 for other layers). */
    public int groups() {
        return kind == LayerKind.CONV2D || kind == LayerKind.CONV_TRANSPOSE ? problem.g() : 1;
    }

    public Shape input() {
        return inputShapes.get(0);
    }

    /**
     * Words of input {@code i} the layer reads, for the batch: the whole input, except for a split, which reads
     * its channel range, a crop, its window, and an embedding, which reads the table rows of its tokens (dim x tokens
     * words, the output's size; the token ids index the table and are not counted as data).
     */
    public long readWords(int i) {
        if (kind == LayerKind.SPLIT || kind == LayerKind.CROP || kind == LayerKind.EMBEDDING) {
            return output.elements() * batch;
        }
        return inputShapes.get(i).elements() * batch;
    }

    /** Activation words read for the batch (all inputs, {@link #readWords} of each). */
    public long inputWords() {
        long w = 0;
        for (int i = 0; i < inputShapes.size(); i++) {
            w += readWords(i);
        }
        return w;
    }

    public long outputWords() {
        return output.elements() * batch;
    }

    /** A compact human description of the layer's shape, e.g. {@code 3x224x224 -> 64x112x112 k7x7/2 pad 3}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inputShapes.size(); i++) {
            sb.append(i == 0 ? "" : " + ").append(inputShapes.get(i));
        }
        sb.append(" -> ").append(output);
        if (window != null) {
            sb.append(" k").append(window);
        }
        if (groups() > 1) {
            sb.append(" g").append(groups());
        }
        if (kind == LayerKind.EMBEDDING) {
            sb.append(" table ").append(constants / output.channels()).append("x").append(output.channels());
        }
        return sb.toString();
    }
}
