package org.arrayflow.tensor;

import java.util.List;

/**
 * How an architecture stores a sparse tensor on some memory levels: the bytes of a run of elements follow from
 * the tensor's datatype and density. Every format keeps the non-zero values and adds metadata, so it never takes
 * less than density x dense bytes (and, at density 1, takes more than dense: compression is worth it only where
 * the zeros pay for the metadata).
 *
 * <ul>
 *   <li>{@code bitmask}: one bit per element, then the non-zero values;
 *   <li>{@code rlc}: run-length coding as on Eyeriss's DRAM link: each non-zero value with the run of zeros
 *       before it in {@code runBits} bits; a run of 2^runBits or more zeros takes an extra pair per 2^runBits;
 *       pairs are packed whole into words of {@code packBits} (Eyeriss: 5-bit runs, 16-bit values, three pairs
 *       per 64-bit word). With zeros independent at fraction z = 1 - density, pairs per element are
 *       (1 - z)(1 + z^P / (1 - z^P)), P = 2^runBits;
 *   <li>{@code nm}: structured N:M weights: the kept values and {@code metadataBits} per kept value saying
 *       where it sits in its group (A100: 2 bits for 2:4); a tensor whose density is not N:M is kept dense.
 * </ul>
 *
 * @param levels names of the memory levels that hold the tensor in this format (others hold it dense)
 * @param layers name patterns of the layers whose tensor is stored so (a chip's per-layer coder bypass); empty:
 *               every layer
 */
public record Compression(Format format, int runBits, int packBits, int metadataBits, List<String> levels,
                          List<String> layers) {
    /** KEPT: counts are of the kept values of N:M weights an array skips the zeros of; each carries its metadata. */
    public enum Format { BITMASK, RLC, NM, KEPT }

    /** Every level holds the tensor in this format. */
    public static final String ALL_LEVELS = "*";

    /** Kept N:M weights with {@code metadataBits} each, wherever they are. */
    public static Compression kept(int metadataBits) {
        return new Compression(Format.KEPT, 0, 0, metadataBits, List.of(ALL_LEVELS), List.of());
    }

    public Compression {
        levels = List.copyOf(levels);
        layers = List.copyOf(layers);
    }

    public boolean covers(String level) {
        return levels.contains(level) || levels.contains(ALL_LEVELS);
    }

    /** Bytes of {@code elements} elements of {@code type} at {@code density} in this format. */
    public long bytes(Datatype type, Density density, long elements) {
        if (elements == 0) {
            return 0;
        }
        if (format == Format.KEPT) {
            return ceilDiv(Math.multiplyExact(elements, (long) type.storageBits() + metadataBits), 8);
        }
        long nonZeros = Sparse.nonZeros(density, elements);
        switch (format) {
            case BITMASK:
                return ceilDiv(Math.addExact(elements, Math.multiplyExact(nonZeros, (long) type.storageBits())), 8);
            case NM:
                if (!density.structured()) {
                    return type.bytes(elements); // not pruned N:M: kept dense
                }
                return ceilDiv(Math.multiplyExact(nonZeros, (long) type.storageBits() + metadataBits), 8);
            default: {
                int perWord = packBits / (runBits + type.storageBits());
                return ceilDiv(rlcPairs(density, elements), perWord) * (packBits / 8);
            }
        }
    }

    /**
     * Of {@link #bytes}, the bytes that say where the values are rather than being values: the mask (bitmask),
     * the run-length fields (rlc), the per-value metadata (nm, kept). What is neither (padding of packed words,
     * the zero values rlc stores to end a long run) is in {@code bytes} but in neither part.
     */
    public long metadataBytes(Datatype type, Density density, long elements) {
        if (elements == 0) {
            return 0;
        }
        switch (format) {
            case BITMASK:
                return ceilDiv(elements, 8);
            case KEPT:
                return ceilDiv(Math.multiplyExact(elements, (long) metadataBits), 8);
            case NM:
                return density.structured()
                        ? ceilDiv(Math.multiplyExact(Sparse.nonZeros(density, elements), (long) metadataBits), 8) : 0;
            default:
                return ceilDiv(Math.multiplyExact(rlcPairs(density, elements), (long) runBits), 8);
        }
    }

    /** Run-length pairs for {@code elements} at {@code density}: a value per non-zero, one more per 2^run_bits zeros. */
    private long rlcPairs(Density density, long elements) {
        double z = 1 - density.fraction();
        double zp = Math.pow(z, Math.pow(2, runBits));
        return (long) Math.ceil(elements * (1 - z) * (1 + zp / (1 - zp)) - 1e-9);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
