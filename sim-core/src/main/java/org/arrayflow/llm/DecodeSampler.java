package org.arrayflow.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The sum of a decode step's figures over the KV lengths {@code first..last} without simulating every step.
 * Only the KV length changes from step to step, and a step's time, traffic and energy do not fall as the cache
 * grows (more keys and values to multiply and to move, caches leaving the chip, never arriving). So between two
 * simulated lengths a and b every step lies between f(a) and f(b), and linear interpolation errs by at most
 * |f(b) − f(a)| on each of the b − a − 1 steps in between. Lengths are simulated at both ends, then the interval
 * whose bound n·|Δ| is largest is bisected, until the bounds add up to at most {@code tolerance} of the
 * estimated total (or every step is simulated). Where the schedule does not change the figures are linear in the
 * length and the estimate is near exact; the bound is what monotonicity guarantees. Two simulated lengths whose
 * times fall (the assumption seen to fail) have every step between them simulated.
 */
public final class DecodeSampler {
    private DecodeSampler() {}

    /** One step's figures. */
    public record Step(long cycles, double energyPj, long dramBytes) {
        Step plus(Step o) {
            return new Step(cycles + o.cycles, energyPj + o.energyPj, dramBytes + o.dramBytes);
        }
    }

    /**
     * Figures summed over the steps.
     *
     * @param cycles     the sum of the steps' cycles (interpolated steps contribute fractions); energyPj and
     *                   dramBytes likewise
     * @param cycleBound   the most the cycle sum can differ from the step-by-step sum, for non-decreasing steps
     * @param simulated    the KV lengths simulated, in order
     */
    public record Sum(double cycles, double energyPj, double dramBytes, double cycleBound, List<Long> simulated) {
        public Sum {
            simulated = List.copyOf(simulated);
        }
    }

    /** Every step simulated: the reference the sampled sum is checked against. */
    public static Sum exact(long first, long last, LongFunction<Step> step) {
        Step total = new Step(0, 0, 0);
        List<Long> all = new ArrayList<>();
        for (long l = first; l <= last; l++) {
            total = total.plus(step.apply(l));
            all.add(l);
        }
        return new Sum(total.cycles(), total.energyPj(), total.dramBytes(), 0, all);
    }

    public static Sum sampled(long first, long last, double tolerance, LongFunction<Step> step) {
        TreeMap<Long, Step> at = new TreeMap<>();
        at.put(first, step.apply(first));
        if (last > first) {
            at.put(last, step.apply(last));
        }
        while (true) {
            Sum s = sum(at);
            long[] worst = widest(at);
            if (worst == null || s.cycleBound() <= tolerance * s.cycles() && !worstFalls(at, worst)) {
                return s;
            }
            long mid = worst[0] + (worst[1] - worst[0]) / 2;
            at.put(mid, step.apply(mid));
        }
    }

    /** The interval with the largest bound and a step inside it, or null when none is left to refine. */
    private static long[] widest(TreeMap<Long, Step> at) {
        long[] best = null;
        double bestBound = 0;
        Map.Entry<Long, Step> prev = null;
        for (Map.Entry<Long, Step> e : at.entrySet()) {
            if (prev != null) {
                long inside = e.getKey() - prev.getKey() - 1;
                long rise = e.getValue().cycles() - prev.getValue().cycles();
                // a fall breaks the assumption the bound rests on: such an interval is refined first, to the end
                double bound = rise < 0 ? Double.POSITIVE_INFINITY : inside * (double) rise;
                if (inside > 0 && bound > bestBound) {
                    bestBound = bound;
                    best = new long[] {prev.getKey(), e.getKey()};
                }
            }
            prev = e;
        }
        return best;
    }

    private static boolean worstFalls(TreeMap<Long, Step> at, long[] worst) {
        return at.get(worst[1]).cycles() < at.get(worst[0]).cycles();
    }

    /** The sampled steps plus each interval's interpolated inside: n·f(a) + (f(b) − f(a))·n(n+1) / (2(b − a)). */
    private static Sum sum(TreeMap<Long, Step> at) {
        double cycles = 0;
        double energy = 0;
        double bytes = 0;
        double bound = 0;
        Map.Entry<Long, Step> prev = null;
        for (Map.Entry<Long, Step> e : at.entrySet()) {
            Step b = e.getValue();
            cycles += b.cycles();
            energy += b.energyPj();
            bytes += b.dramBytes();
            if (prev != null) {
                Step a = prev.getValue();
                long width = e.getKey() - prev.getKey();
                double n = width - 1;
                double w = n * (n + 1) / (2.0 * width);
                cycles += n * a.cycles() + (b.cycles() - a.cycles()) * w;
                energy += n * a.energyPj() + (b.energyPj() - a.energyPj()) * w;
                bytes += n * a.dramBytes() + (b.dramBytes() - a.dramBytes()) * w;
                bound += n * Math.abs(b.cycles() - a.cycles());
            }
            prev = e;
        }
        return new Sum(cycles, energy, bytes, bound, new ArrayList<>(at.keySet()));
    }
}
