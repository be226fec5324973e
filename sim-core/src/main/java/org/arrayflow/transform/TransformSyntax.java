package org.arrayflow.transform;

import org.arrayflow.config.LayerPattern;
import org.arrayflow.config.EditDistance;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.Tensor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --transform} option's text, {@code KIND:KEY=VALUE[,KEY=VALUE...]}, the same settings as a
 * workload's {@code transforms:} entry {@code - KIND: {KEY: VALUE, ...}}:
 * <ul>
 * <li>{@code prune:conv1=0.84,fc*=0.09} or {@code prune:*=2:4}: layer pattern = weight density, a fraction in
 *     (0, 1] or N:M;</li>
 * <li>{@code quantize:weight=int8,ifmap=int8} and {@code quantize:layers=fc*,weight=int4}: tensor kind = datatype,
 *     on the layers {@code layers} matches (default every layer);</li>
 * <li>{@code low_rank:fc6=500}, {@code low_rank:fc*=0.25}, {@code low_rank:conv2=32x64}: layer pattern = rank, a
 *     fraction of the largest rank, or a convolution's two Tucker-2 ranks (input x output).</li>
 * </ul>
 * The values' rules, shared with {@link TransformReader}, are here too.
 */
public final class TransformSyntax {
    /** The kinds of transform, as written. */
    public static final List<String> KINDS = List.of("prune", "quantize", "low_rank");
    static final String LAYERS = "layers";
    static final String EXAMPLES = "e.g. prune:fc*=0.1, quantize:weight=int8 or low_rank:fc6=512";

    private static final Pattern NM = Pattern.compile("([0-9]{1,4}):([0-9]{1,4})");
    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]*\\.[0-9]+|[0-9]+\\.[0-9]*|[0-9.]+[eE][-+]?[0-9]+");
    private static final Pattern PAIR = Pattern.compile("([0-9]{1,18})[xX]([0-9]{1,18})");

    private TransformSyntax() {}

    /** One {@code --transform} value; its errors name the option and {@code where} (the run request's). */
    public static Transform parse(String text, String where) {
        Origin origin = Origin.option(where, text);
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw origin.error("a transform is KIND:SETTINGS, " + EXAMPLES);
        }
        String kind = text.substring(0, colon).strip();
        List<String[]> entries = entries(text.substring(colon + 1), origin, kind);
        switch (kind) {
            case "prune": {
                List<Transform.Target<Density>> targets = new ArrayList<>();
                for (String[] e : entries) {
                    targets.add(new Transform.Target<>(pattern(e[0], origin), density(e[1], origin), origin));
                }
                return new Transform.Prune(targets);
            }
            case "quantize": {
                LayerPattern layers = LayerPattern.ALL;
                Map<Tensor, Datatype> types = new EnumMap<>(Tensor.class);
                for (String[] e : entries) {
                    if (e[0].equals(LAYERS)) {
                        layers = pattern(e[1], origin);
                    } else {
                        types.put(tensor(e[0], origin), datatype(e[1], origin));
                    }
                }
                if (types.isEmpty()) {
                    throw origin.error("quantize needs a datatype for at least one of ifmap, weight, psum, ofmap, "
                            + "e.g. quantize:weight=int8");
                }
                return new Transform.Quantize(layers, types, origin);
            }
            case "low_rank": {
                List<Transform.Target<Transform.Rank>> targets = new ArrayList<>();
                for (String[] e : entries) {
                    targets.add(new Transform.Target<>(pattern(e[0], origin), rank(e[1], origin), origin));
                }
                return new Transform.LowRank(targets);
            }
            default:
                throw origin.error("unknown transform '" + kind + "'" + didYouMean(kind, KINDS) + " (known: "
                        + String.join(", ", KINDS) + ")");
        }
    }

    private static List<String[]> entries(String settings, Origin origin, String kind) {
        List<String[]> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (String part : settings.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw origin.error("'" + part + "' is not KEY=VALUE; " + EXAMPLES);
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.isEmpty() || value.isEmpty()) {
                throw origin.error("'" + part + "' needs both a key and a value, " + EXAMPLES);
            }
            if (!keys.add(key)) {
                throw origin.error("'" + key + "' is given twice in one " + kind + " step");
            }
            out.add(new String[] {key, value});
        }
        return out;
    }

    static LayerPattern pattern(String text, Origin origin) {
        if (text.isEmpty()) {
            throw origin.error("an empty layer pattern; name a layer, or use * for any run of characters");
        }
        return new LayerPattern(text);
    }

    /** A density written as text: a number in (0, 1], or N:M with 0 &lt; N &lt;= M. */
    static Density density(String v, Origin origin) {
        Matcher nm = NM.matcher(v);
        if (nm.matches()) {
            return structured(Integer.parseInt(nm.group(1)), Integer.parseInt(nm.group(2)), origin);
        }
        double f;
        try {
            f = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw origin.error("density '" + v + "' must be a fraction of non-zero weights in (0, 1] (e.g. 0.1) "
                    + "or N:M (e.g. 2:4)");
        }
        return fraction(f, origin);
    }

    static Density fraction(double f, Origin origin) {
        if (!(f > 0 && f <= 1)) {
            throw origin.error("density " + Transform.number(f) + " must be in (0, 1]: the fraction of weights kept "
                    + "non-zero (0.1 keeps one in ten)");
        }
        return Density.of(f);
    }

    static Density structured(int n, int m, Origin origin) {
        if (n < 1 || m < 1) {
            throw origin.error("N:M sparsity needs N and M of at least 1, found " + n + ":" + m);
        }
        if (n > m) {
            throw origin.error("N:M sparsity keeps N of every M weights, so N <= M; did you mean " + m + ":" + n + "?");
        }
        return Density.structured(n, m);
    }

    static Tensor tensor(String key, Origin origin) {
        for (Tensor t : Tensor.values()) {
            if (t.label().equals(key)) {
                return t;
            }
        }
        List<String> keys = new ArrayList<>();
        for (Tensor t : Tensor.values()) {
            keys.add(t.label());
        }
        keys.add(LAYERS);
        throw origin.error("unknown key '" + key + "'" + didYouMean(key, keys) + " (quantize takes ifmap, weight, "
                + "psum, ofmap = a datatype, and layers = a pattern)");
    }

    static Datatype datatype(String name, Origin origin) {
        Datatype d = Datatype.named(name);
        if (d == null) {
            List<String> names = Datatype.NAMED.stream().map(Datatype::name).toList();
            throw origin.error("unknown datatype '" + name + "'" + didYouMean(name, names) + " (known: "
                    + String.join(", ", names) + ")");
        }
        return d;
    }

    /** A rank written as text: {@code r}, {@code 0.25}, {@code 32x64}. */
    static Transform.Rank rank(String v, Origin origin) {
        Matcher pair = PAIR.matcher(v);
        if (pair.matches()) {
            return Transform.Rank.tucker(whole(pair.group(1), origin), whole(pair.group(2), origin));
        }
        if (WHOLE.matcher(v).matches()) {
            return Transform.Rank.of(whole(v, origin));
        }
        if (DECIMAL.matcher(v).matches()) {
            return rankFraction(Double.parseDouble(v), origin);
        }
        throw origin.error("rank '" + v + "' must be a whole number (e.g. 512), a fraction of the largest rank "
                + "(e.g. 0.25) or a convolution's input x output ranks (e.g. 32x64)");
    }

    static Transform.Rank rankFraction(double f, Origin origin) {
        if (!(f > 0 && f < 1)) {
            throw origin.error("a rank fraction must be in (0, 1), found " + Transform.number(f) + "; a whole "
                    + "number is a rank itself (e.g. 512)");
        }
        return Transform.Rank.fractionOf(f);
    }

    private static int whole(String digits, Origin origin) {
        long r = Long.parseLong(digits);
        return checkRank(r, origin);
    }

    static int checkRank(long r, Origin origin) {
        if (r < 1) {
            throw origin.error("a rank must be at least 1, found " + r);
        }
        if (r > Integer.MAX_VALUE) {
            throw origin.error("rank " + r + " exceeds " + Integer.MAX_VALUE);
        }
        return (int) r;
    }

    /** {@code "; did you mean 'x'?"} for the closest of {@code names}, or nothing. */
    static String didYouMean(String typed, List<String> names) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String n : names) {
            int d = EditDistance.between(typed, n);
            if (d < bestD) {
                best = n;
                bestD = d;
            }
        }
        return best != null && bestD <= Math.max(1, typed.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }
}
