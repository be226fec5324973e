package org.arrayflow.tensor;

/** Counting non-zeros. */
public final class Sparse {
    private Sparse() {}

    /**
     * Non-zeros among {@code elements} consecutive elements: for N:M, N in each whole group of M and at most N in
     * the last, partial one; for a fraction, the fraction rounded up (a stated density is a mean, so a layer keeps
     * at least what it states).
     */
    public static long nonZeros(Density d, long elements) {
        if (d.dense()) {
            return elements;
        }
        if (d.structured()) {
            return elements / d.m() * d.n() + Math.min(elements % d.m(), d.n());
        }
        return (long) Math.ceil(elements * d.fraction() - 1e-9);
    }
}
