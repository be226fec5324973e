package org.arrayflow.report;

/** Small helpers to write HTML by hand: escaping and table cells that sort by a numeric key. */
final class Html {
    private Html() {}

    static String esc(String s) {
        return esc(new StringBuilder(s.length() + 16), s).toString();
    }

    /** Appends {@code s} escaped (the per-layer tables append straight into the page: no string per cell). */
    static StringBuilder esc(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#39;"); break;
                default: sb.append(c);
            }
        }
        return sb;
    }

    /** A text cell. */
    static String td(String text) {
        return "<td>" + esc(text) + "</td>";
    }

    /** A numeric cell: shows {@code shown}, sorts by {@code value}. */
    static String num(double value, String shown) {
        return "<td class=\"n\" data-v=\"" + Fmt.num(value) + "\">" + esc(shown) + "</td>";
    }

    static String num(long value) {
        return "<td class=\"n\" data-v=\"" + value + "\">" + Fmt.grouped(value) + "</td>";
    }

    static StringBuilder td(StringBuilder sb, String text) {
        return esc(sb.append("<td>"), text).append("</td>");
    }

    static StringBuilder num(StringBuilder sb, double value, String shown) {
        return esc(sb.append("<td class=\"n\" data-v=\"").append(Fmt.num(value)).append("\">"), shown).append("</td>");
    }

    static StringBuilder num(StringBuilder sb, long value) {
        return sb.append("<td class=\"n\" data-v=\"").append(value).append("\">").append(Fmt.grouped(value))
                .append("</td>");
    }

    /**
     * A layer's shape ({@code in -> out kernel pad}) that wraps at most after its arrow: the output with its
     * kernel stays on one line (a multi-input left side may still wrap at its spaces).
     */
    static StringBuilder shape(StringBuilder sb, String shape) {
        sb.append("<td>");
        String[] parts = shape.split(" -> ", -1);
        for (int i = 0; i < parts.length - 1; i++) {
            esc(sb, parts[i]).append(" -&gt; ");
        }
        esc(sb.append("<span class=\"nw\">"), parts[parts.length - 1]).append("</span>");
        return sb.append("</td>");
    }

    /**
     * A layer's mapping ({@code key=value;key=value}) as a row of its own under the layer's figures, after an
     * empty cell and spanning {@code span} columns; it may wrap after each ';' (the text stays that of layers.csv).
     * No row for an empty mapping.
     */
    static void mapping(StringBuilder sb, String mapping, int span) {
        if (mapping.isEmpty()) {
            return;
        }
        sb.append("<tr class=\"sub\"><td></td><td class=\"map\" colspan=\"").append(span).append("\">mapping: ");
        String[] parts = mapping.split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            esc(sb, parts[i]).append(i + 1 < parts.length ? ";<wbr>" : "");
        }
        sb.append("</td></tr>\n");
    }
}
