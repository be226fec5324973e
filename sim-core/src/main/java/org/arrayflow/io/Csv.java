package org.arrayflow.io;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV cells (RFC 4180) that are also safe to open in a spreadsheet. A cell is quoted when it holds a comma,
 * quote or line break. A text cell that starts with {@code = + - @}, a tab or a carriage return would be run
 * as a formula by Excel, LibreOffice or Google Sheets (an architecture named {@code =1+2} shows 3, and
 * worse formulas fetch URLs), so it is written with a leading apostrophe, as spreadsheet-safe writers do;
 * numbers such as {@code -3.5e-2} are left as they are. {@link #split} takes that apostrophe off again, so
 * every text reads back as written.
 */
public final class Csv {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?|[-+]?Infinity");
    /** Texts that get an apostrophe: a formula start, after any apostrophes already there (so it reverses). */
    private static final Pattern FORMULA = Pattern.compile("'*[=+\\-@\t\r].*", Pattern.DOTALL);

    private Csv() {}

    /** One cell, neutralised and quoted as needed. */
    public static String field(String s) {
        if (FORMULA.matcher(s).matches() && !NUMBER.matcher(s).matches()) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    public static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields.get(i)));
        }
        return sb.toString();
    }

    /** Splits one line into its texts, as {@link #field} was given them; null if a quote is left open (a torn line). */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(unescape(cur));
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(unescape(cur));
        return out;
    }

    private static String unescape(CharSequence cell) {
        String s = cell.toString();
        return s.length() > 1 && s.charAt(0) == '\'' && FORMULA.matcher(s).region(1, s.length()).matches()
                ? s.substring(1) : s;
    }
}
