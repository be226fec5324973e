package org.arrayflow.transform;

import org.arrayflow.config.LayerPattern;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One step of rewriting a workload before it is simulated. Within a step, each layer takes the value of the
 * last setting whose pattern matches it ({@code *=0.5,fc8=0.25} prunes fc8 to 0.25 and the rest to 0.5). What
 * a step does to each layer is in {@link Transforms}; {@link #text()} writes it as the {@code --transform}
 * option does, for reports.
 */
public sealed interface Transform permits Transform.Prune, Transform.Quantize, Transform.LowRank {

    /** The step as {@code --transform} writes it: {@code prune:conv1=0.84,fc*=0.09}. */
    String text();

    /** A layer pattern with its value, and where both were stated. */
    record Target<V>(LayerPattern pattern, V value, Origin origin) {}

    /** Sets the weight density of the layers with weights that each pattern matches (shapes are unchanged). */
    record Prune(List<Target<Density>> targets) implements Transform {
        public Prune {
            targets = List.copyOf(targets);
        }

        @Override
        public String text() {
            return "prune:" + settings(targets, Density::text);
        }
    }

    /**
     * Sets datatypes per tensor kind on the layers {@code layers} matches: ifmap and ofmap on every one, weight
     * on layers with weights (and a matmul's second operand), psum on matrix layers.
     */
    record Quantize(LayerPattern layers, Map<Tensor, Datatype> datatypes, Origin origin) implements Transform {
        public Quantize {
            datatypes = Collections.unmodifiableMap(new EnumMap<>(datatypes));
        }

        @Override
        public String text() {
            List<String> parts = new ArrayList<>();
            if (!layers.equals(LayerPattern.ALL)) {
                parts.add("layers=" + layers);
            }
            datatypes.forEach((t, d) -> parts.add(t.label() + "=" + d.name()));
            return "quantize:" + String.join(",", parts);
        }
    }

    /**
     * Factorises the layers each pattern matches: an fc, linear or gemm layer K -> N of rank r into K -> r and
     * r -> N (SVD); a convolution C -> M, k x k, of ranks (r_in, r_out) into 1 x 1 C -> r_in, k x k r_in ->
     * r_out (the original stride, padding and dilation) and 1 x 1 r_out -> M (Tucker-2).
     */
    record LowRank(List<Target<Rank>> targets) implements Transform {
        public LowRank {
            targets = List.copyOf(targets);
        }

        @Override
        public String text() {
            return "low_rank:" + settings(targets, Rank::text);
        }
    }

    /**
     * A rank as stated: a whole number (a convolution's two ranks both), two ranks {@code in x out} for a
     * convolution's Tucker-2, or a fraction in (0, 1) of the largest rank the layer allows (of each for a
     * convolution), rounded, at least 1.
     *
     * @param fraction 0 when ranks are given
     */
    record Rank(int in, int out, double fraction, boolean pair) {
        public static Rank of(int r) {
            return new Rank(r, r, 0, false);
        }

        public static Rank tucker(int in, int out) {
            return new Rank(in, out, 0, true);
        }

        public static Rank fractionOf(double f) {
            return new Rank(0, 0, f, false);
        }

        public boolean isFraction() {
            return fraction > 0;
        }

        /** The rank for a largest allowed {@code max}: the fraction of it, or {@code stated}. */
        int resolve(int stated, long max) {
            return isFraction() ? (int) Math.max(1, Math.round(fraction * max)) : stated;
        }

        public String text() {
            return pair ? in + "x" + out : isFraction() ? number(fraction) : String.valueOf(in);
        }
    }

    /** {@code pattern=value,...} as the option writes them. */
    private static <V> String settings(List<Target<V>> targets, java.util.function.Function<V, String> value) {
        List<String> parts = new ArrayList<>();
        for (Target<V> t : targets) {
            parts.add(t.pattern() + "=" + value.apply(t.value()));
        }
        return String.join(",", parts);
    }

    /** A number without a trailing {@code .0}. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
