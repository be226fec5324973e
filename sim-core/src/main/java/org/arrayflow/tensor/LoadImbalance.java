package org.arrayflow.tensor;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The load imbalance of skipping unstructured zeros in lockstep. PEs that each skip the zeros of their own
 * weight vector (K elements, each non-zero with probability d, independently) and move on together finish when
 * the one with the most non-zeros does: the expected time is E[max of C independent Binomial(K, d)], not K d.
 * Computed exactly as the sum over k of P(max > k) = 1 - F(k)^C, with F the binomial distribution function.
 */
public final class LoadImbalance {
    private LoadImbalance() {}

    /** E[max of {@code columns} independent Binomial(k, d)]. */
    public static double expectedMax(long k, double d, int columns) {
        if (k == 0 || d >= 1) {
            return k * Math.min(1, d);
        }
        if (columns == 1) {
            return k * d;
        }
        BinomialDistribution b = new BinomialDistribution(null, Math.toIntExact(k), d);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double above = 1 - Math.pow(b.cumulativeProbability(i), columns);
            if (above < 1e-15 && i > k * d) {
                break; // every later term is smaller still
            }
            sum += above;
        }
        return sum;
    }

    /** The busiest PE's non-zeros, rounded up to whole MAC slots: what a skipping array spends per K. */
    public static long busiest(long k, Density d, int columns) {
        if (d.structured()) {
            return Sparse.nonZeros(d, k); // every group holds the same count: no imbalance
        }
        return Math.min(k, (long) Math.ceil(expectedMax(k, d.fraction(), columns) - 1e-9));
    }
}
