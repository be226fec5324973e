package org.arrayflow.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed YAML file that remembers where every key and value came from, so that schema and
 * semantic errors can say {@code file:line:col: key.path: what is wrong}.
 * Paths use dots for object keys and {@code [i]} for list items, e.g. {@code layers[3].kernel}.
 *
 * <p>Positions are kept per container of the parsed tree (each object's keys, each list's items, in order),
 * not as one map of path strings: a 10,000-layer workload is read without building a path for every key, and
 * a path is resolved only when an error needs its position.
 */
public final class YamlDocument {
    /**
     * The longest document read, in characters: 16 Mi, about 270,000 layers written one per line (a 10,000-layer
     * workload is 0.6 M). Checked before parsing, so an oversized file is refused at once.
     */
    public static final int MAX_CHARACTERS = 16 * 1024 * 1024;
    /**
     * The longest line, in characters. The YAML scanner's time grows with the square of a line's length (a
     * 24 M-character line took 84 s), so long lines are refused before parsing; real lines, even a long
     * flow-style list of sweep values, stay far below this.
     */
    public static final int MAX_LINE = 100_000;
    private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(loaderOptions()).build();

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(MAX_CHARACTERS);
        return o;
    }

    private final String file;
    private final JsonNode root;
    /** The tree as parsed, which the positions describe (an edited copy's errors are placed by it). */
    private final JsonNode parsed;
    /** Per object: line and column of each key, in field order; per list: of each item. */
    private final Map<JsonNode, int[]> positions;
    private final int[] rootPosition;

    private YamlDocument(String file, JsonNode root, JsonNode parsed, Map<JsonNode, int[]> positions,
                         int[] rootPosition) {
        this.file = file;
        this.root = root;
        this.parsed = parsed;
        this.positions = positions;
        this.rootPosition = rootPosition;
    }

    public static YamlDocument parse(String file, String text) {
        checkSize(file, text);
        YamlTreeReader r = new YamlTreeReader(file, text);
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw ConfigException.of(file, text.isBlank() ? "the file is empty"
                        : "the file has only comments or blank lines, no YAML content");
            }
            JsonLocation at0 = p.currentTokenLocation();
            int[] rootPosition = {at0.getLineNr(), at0.getColumnNr()};
            JsonNode root = r.read(p);
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new ConfigException(file, at.getLineNr(), at.getColumnNr(), "", "more than one YAML document");
            }
            return new YamlDocument(file, root, root, r.positions, rootPosition);
        } catch (JsonProcessingException e) {
            if (e instanceof StreamConstraintsException && r.last != null) {
                // Jackson's nesting limit (1000) protects the stack; its message names its own API
                throw new ConfigException(file, r.last.getLineNr(), r.last.getColumnNr(), r.path(),
                        "malformed YAML: nested more than 1000 levels deep");
            }
            throw syntaxError(file, text, r.path(), e);
        } catch (IOException e) {
            throw ConfigException.of(file, "cannot read: " + e.getMessage());
        }
    }

    /** Refuses, with its position, a document too long to parse in reasonable time. */
    private static void checkSize(String file, String text) {
        if (text.length() > MAX_CHARACTERS) {
            throw ConfigException.of(file, String.format(Locale.ROOT, "the file has %,d characters; at most "
                    + "%,d are read (split it, or generate the workload in parts)", text.length(), MAX_CHARACTERS));
        }
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE) {
                    throw new ConfigException(file, line, MAX_LINE + 1, "", String.format(Locale.ROOT,
                            "line %d has %,d characters; at most %,d are read on one line", line, i - start,
                            MAX_LINE));
                }
                line++;
                start = i + 1;
            }
        }
    }

    /**
     * A syntax error where the scanner found it (SnakeYAML's problem mark; Jackson's location is the end of
     * the last good token, often the line before). "Mapping values are not allowed here" on a line indented
     * deeper than the line before, which opens no block, is a bad indentation: said so, at the indent.
     */
    private static ConfigException syntaxError(String file, String text, String path, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : loc.getLineNr();
        int column = loc == null ? 0 : loc.getColumnNr();
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            line = m.getProblemMark().getLine() + 1;
            column = m.getProblemMark().getColumn() + 1;
            if (m.getProblem() != null && m.getProblem().startsWith("mapping values are not allowed")) {
                ConfigException indent = badIndent(file, text, line);
                if (indent != null) {
                    return indent;
                }
            }
        }
        return new ConfigException(file, line, column, path, "malformed YAML: " + syntaxProblem(e));
    }

    private static ConfigException badIndent(String file, String text, int line) {
        List<String> lines = text.lines().toList();
        if (line < 2 || line > lines.size()) {
            return null;
        }
        String here = lines.get(line - 1);
        int indent = indentOf(here);
        for (int k = line - 2; k >= 0; k--) {
            String prev = lines.get(k);
            String body = prev.strip();
            if (body.isEmpty() || body.startsWith("#")) {
                continue;
            }
            int prevIndent = indentOf(prev);
            if (indent > prevIndent && !body.endsWith(":") && !body.startsWith("- ") && !body.equals("-")) {
                return new ConfigException(file, line, indent + 1, "", String.format(Locale.ROOT, "malformed YAML: bad "
                        + "indentation: this line is indented %d spaces, deeper than line %d (%d) which opens no "
                        + "block; indent it like the keys beside it", indent, k + 1, prevIndent));
            }
            return null;
        }
        return null;
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /**
     * The parser's complaint on one line: what it found, and what it was in the middle of (SnakeYAML splits
     * these over several lines with a copy of the source; only the words are kept).
     */
    private static String syntaxProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m) {
            String problem = m.getProblem() == null ? "syntax error" : m.getProblem().strip();
            if (m.getContext() != null && m.getContextMark() != null) {
                problem += " (" + m.getContext().strip() + " at line " + (m.getContextMark().getLine() + 1)
                        + ", column " + (m.getContextMark().getColumn() + 1) + ")";
            }
            return visible(problem);
        }
        return e.getOriginalMessage().lines().findFirst().orElse("syntax error");
    }

    /**
     * The parser's text with control characters written as escapes: it quotes the character it found, which may
     * be a line break ("unexpected character found \n(10)") and would break the one-line message.
     */
    static String visible(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    public String file() { return file; }
    public JsonNode root() { return root; }

    /**
     * The same file with an edited tree (e.g. a sweep's axis values written into a copy of the root).
     * Positions are kept, so errors about edited keys point at the key, or at its nearest parent, in the file.
     */
    public YamlDocument withRoot(JsonNode editedRoot) {
        return new YamlDocument(file, editedRoot, parsed, positions, rootPosition);
    }

    /**
     * An error at the position of {@code path} in the file as parsed, or of its nearest ancestor that has a
     * position. A key may itself contain dots ({@code grid: {pe_array.rows: ...}}): at each object the longest
     * key that the rest of the path starts with is taken.
     */
    public ConfigException error(String path, String problem) {
        int[] pos = rootPosition;
        JsonNode node = parsed;
        String rest = path;
        while (!rest.isEmpty() && node != null) {
            int[] child = null;
            if (rest.charAt(0) == '[' && node.isArray()) {
                int close = rest.indexOf(']');
                int i = close < 0 ? -1 : parseIndex(rest.substring(1, close));
                if (i < 0 || i >= node.size()) {
                    break;
                }
                child = positions.get(node);
                pos = new int[] {child[2 * i], child[2 * i + 1]};
                node = node.get(i);
                rest = strip(rest.substring(close + 1));
            } else if (rest.charAt(0) != '[' && node.isObject()) {
                String key = longestKey(node, rest);
                if (key == null) {
                    break;
                }
                int i = YamlTreeReader.fieldIndex(node, key);
                child = positions.get(node);
                pos = new int[] {child[2 * i], child[2 * i + 1]};
                node = node.get(key);
                rest = strip(rest.substring(key.length()));
            } else {
                break;
            }
        }
        return new ConfigException(file, pos[0], pos[1], path, problem);
    }

    private static String strip(String rest) {
        return rest.startsWith(".") ? rest.substring(1) : rest;
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The longest key of {@code obj} that {@code rest} is, or starts with followed by '.' or '['. */
    private static String longestKey(JsonNode obj, String rest) {
        String best = null;
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            boolean match = rest.equals(k) || rest.startsWith(k) && (rest.charAt(k.length()) == '.'
                    || rest.charAt(k.length()) == '[');
            if (match && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        return best;
    }

}
