package org.arrayflow.result;

import org.arrayflow.tensor.Compression;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Sparse;
import org.arrayflow.tensor.Tensor;

/**
 * What datatypes and densities did to a layer, as the outputs show it: each tensor's datatype and density, and
 * for each access count the bytes it would take uncompressed and the metadata part of its compressed bytes.
 * All of it follows from the layer's {@link Activity} and {@link Traffic}; nothing is stored twice.
 */
public final class TensorFigures {
    private TensorFigures() {}

    /**
     * Whether a run has anything to show: a layer with a stated datatype (not the architecture's plain word),
     * a density below 1, a compressed tensor, or skipped or gated MACs. Runs without any keep the outputs they
     * had before datatypes and densities existed, byte for byte.
     */
    public static boolean stated(NetworkResult r) {
        for (LayerResult l : r.layers()) {
            Activity a = l.activity();
            if (a.skippedMacs() > 0 || a.gatedMacs() > 0) {
                return true;
            }
            Precision p = a.precision();
            for (Tensor t : Tensor.values()) {
                if (!p.type(t).isWord() || !p.density(t).dense() || p.compression(t) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    public static String datatype(LayerResult l, Tensor t) {
        return l.activity().precision().type(t).name();
    }

    /** {@code 1}, {@code 0.38} or {@code 2:4}. */
    public static String density(LayerResult l, Tensor t) {
        return l.activity().precision().density(t).text();
    }

    /** Whether the level holds this traffic's tensor compressed. */
    public static boolean compressed(LayerResult l, Traffic t) {
        Compression c = l.activity().precision().compression(Tensor.fromLabel(t.tensor()));
        return c != null && c.covers(t.level());
    }

    /** The bytes of the counted elements stored dense at their datatype ({@link Traffic#bytes()} when not compressed). */
    public static long uncompressedBytes(LayerResult l, Traffic t) {
        return l.activity().precision().bytes(Tensor.fromLabel(t.tensor()), elements(t));
    }

    /** Of {@link Traffic#bytes()}, the compressed format's index bytes (0 when the level holds the tensor dense). */
    public static long metadataBytes(LayerResult l, Traffic t) {
        if (!compressed(l, t)) {
            return 0;
        }
        Tensor tensor = Tensor.fromLabel(t.tensor());
        Precision p = l.activity().precision();
        return p.compression(tensor).metadataBytes(p.type(tensor), p.density(tensor), elements(t));
    }

    /** The network's MACs the hardware skipped. */
    public static long skippedMacs(NetworkResult r) {
        return r.layers().stream().mapToLong(l -> l.activity().skippedMacs()).sum();
    }

    /** The network's MACs performed but gated by a zero operand. */
    public static long gatedMacs(NetworkResult r) {
        return r.layers().stream().mapToLong(l -> l.activity().gatedMacs()).sum();
    }

    /** The network's non-zero weights. */
    public static long nonzeroWeights(NetworkResult r) {
        return r.layers().stream().mapToLong(TensorFigures::nonzeroWeights).sum();
    }

    /** The non-zero weights of the layer at its weight density. */
    public static long nonzeroWeights(LayerResult l) {
        return Sparse.nonZeros(l.activity().precision().density(Tensor.WEIGHT), l.weights());
    }

    private static long elements(Traffic t) {
        return t.reads() + t.writes() + t.fills() + t.drains();
    }
}
