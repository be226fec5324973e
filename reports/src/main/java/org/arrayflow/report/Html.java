package org.arrayflow.report;

/** Small helpers to write HTML by hand: escaping and table cells that sort by a numeric key. */
final class Html {
    private Html() {}

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
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
        return sb.toString();
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
}
