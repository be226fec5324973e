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
}
