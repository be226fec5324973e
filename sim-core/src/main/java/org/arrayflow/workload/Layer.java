package org.arrayflow.workload;

import java.util.List;

/**
 * A layer with its shapes resolved. Counts are for the whole batch.
 *
 * @param inputs      names of the layers (or "input") this layer reads
 * @param inputShapes their shapes, per image
 * @param window      kernel or pooling window, null for other kinds
 * @param groups      convolution groups (1 otherwise)
 * @param macs        multiply-accumulates for the batch
 * @param weights     weight words (0 for activation-only layers)
 * @param gemms       the matrix products the layer lowers to (empty for vector layers)
 * @param vectorOps   element operations for layers that run on a vector unit (pool, add, softmax, ...)
 */
public record Layer(int index, String name, LayerKind kind, List<String> inputs, List<Shape> inputShapes,
                    Shape output, int batch, Window window, int groups, long macs, long weights,
                    List<Gemm> gemms, long vectorOps) {

    public Layer {
        inputs = List.copyOf(inputs);
        inputShapes = List.copyOf(inputShapes);
        gemms = List.copyOf(gemms);
    }

    public Shape input() {
        return inputShapes.get(0);
    }

    /** Activation words read for the batch (all inputs). */
    public long inputWords() {
        long w = 0;
        for (Shape s : inputShapes) {
            w += s.elements() * batch;
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
        if (groups > 1) {
            sb.append(" g").append(groups);
        }
        return sb.toString();
    }
}
