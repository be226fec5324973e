package org.arrayflow.config;

import java.util.regex.Pattern;

/**
 * Which layers a setting applies to (a transform step, an architecture's compressed storage): a layer name,
 * or a glob over names where {@code *} stands for any run of characters and {@code ?} for one ({@code fc*}, {@code conv?_1}, {@code *}); every other character is itself.
 */
public final class LayerPattern {
    /** Every layer. */
    public static final LayerPattern ALL = new LayerPattern("*");

    private final String text;
    private final Pattern regex;

    public LayerPattern(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty layer pattern");
        }
        this.text = text;
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        this.regex = Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    public boolean matches(String layerName) {
        return regex.matcher(layerName).matches();
    }

    /** A plain name, without wildcards: naming a layer the transform cannot apply to is then an error. */
    public boolean isName() {
        return text.indexOf('*') < 0 && text.indexOf('?') < 0;
    }

    /** The characters before the first wildcard (the whole name for a plain name). */
    public String prefix() {
        int star = text.indexOf('*');
        int q = text.indexOf('?');
        int cut = star < 0 ? q : q < 0 ? star : Math.min(star, q);
        return cut < 0 ? text : text.substring(0, cut);
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
