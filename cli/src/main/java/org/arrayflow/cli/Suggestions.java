package org.arrayflow.cli;

import org.arrayflow.config.EditDistance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * "Did you mean" for a mistyped command or option: the known names a few edits away from what was typed
 * (a letter missing, extra, wrong, or two swapped), or that start with it. Picocli's own suggestions match
 * options by their first two letters only, so {@code --otu} would get no answer.
 */
final class Suggestions {
    private static final int MAX = 3;

    private Suggestions() {}

    /** {@code "; did you mean 'a' or 'b'?"}, or the empty string when no name is close. */
    static String didYouMean(String typed, Collection<String> names) {
        List<String> close = closest(typed, names);
        if (close.isEmpty()) {
            return "";
        }
        List<String> quoted = close.stream().map(n -> "'" + n + "'").toList();
        return "; did you mean " + CliErrors.and(quoted, "or") + "?";
    }

    /** The names closest to {@code typed}, best first, at most three. */
    static List<String> closest(String typed, Collection<String> names) {
        String t = typed.toLowerCase(java.util.Locale.ROOT);
        int len = core(t).length();
        int allowed = len <= 2 ? 0 : len <= 4 ? 1 : 2;
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String c = n.toLowerCase(java.util.Locale.ROOT);
            if (!c.equals(t) && (EditDistance.between(t, c) <= allowed || len >= 2 && c.startsWith(t))) {
                out.add(n);
            }
        }
        out.sort(Comparator.comparingInt((String n) -> EditDistance.between(t, n.toLowerCase(java.util.Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()));
        return out.subList(0, Math.min(MAX, out.size()));
    }

    /** A name without its leading dashes. */
    private static String core(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        return s.substring(i);
    }

}
