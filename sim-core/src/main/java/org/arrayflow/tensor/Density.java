package org.arrayflow.tensor;

/**
 * The fraction of a tensor's elements that are non-zero, as the user states it (the tool never guesses):
 * unstructured ({@code fraction} alone, e.g. 0.4 after ReLU), or structured N:M, at most {@code n} non-zeros
 * in every {@code m} consecutive elements along the reduction dimension (2:4 as A100's sparse tensor cores
 * take it), whose fraction is n / m.
 *
 * @param n structured non-zeros per group, or 0 for unstructured
 * @param m structured group length, or 0 for unstructured
 */
public record Density(double fraction, int n, int m) {
    public static final Density DENSE = new Density(1, 0, 0);

    public Density {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a density must be in (0, 1], not " + fraction);
        }
        if ((n == 0) != (m == 0) || n < 0 || n > m) {
            throw new IllegalArgumentException("structured sparsity needs 0 < N <= M, not " + n + ":" + m);
        }
        if (m > 0 && fraction != (double) n / m) {
            throw new IllegalArgumentException("an N:M density has fraction N / M");
        }
    }

    public static Density of(double fraction) {
        return fraction == 1 ? DENSE : new Density(fraction, 0, 0);
    }

    public static Density structured(int n, int m) {
        if (m <= 0 || n <= 0 || n > m) {
            throw new IllegalArgumentException("structured sparsity needs 0 < N <= M, not " + n + ":" + m);
        }
        return new Density((double) n / m, n, m);
    }

    public boolean dense() {
        return fraction == 1;
    }

    public boolean structured() {
        return m > 0;
    }

    /** As a user writes it: {@code 2:4}, {@code 0.84}, {@code 1} (no trailing {@code .0}). */
    public String text() {
        if (structured()) {
            return n + ":" + m;
        }
        return fraction == Math.rint(fraction) ? String.valueOf((long) fraction) : String.valueOf(fraction);
    }

    @Override
    public String toString() {
        return structured() ? n + ":" + m : String.valueOf(fraction);
    }
}
