package org.arrayflow.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
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
    private static final YAMLFactory FACTORY = new YAMLFactory();

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
        Reader r = new Reader(file);
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw ConfigException.of(file, "the file is empty");
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
            JsonLocation at = e.getLocation();
            throw new ConfigException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    r.path(), "malformed YAML: " + syntaxProblem(e));
        } catch (IOException e) {
            throw ConfigException.of(file, "cannot read: " + e.getMessage());
        }
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
            return problem;
        }
        return e.getOriginalMessage().lines().findFirst().orElse("syntax error");
    }

    /** Builds the tree from the parser's tokens, recording each key's and item's position. */
    private static final class Reader {
        final String file;
        final Map<JsonNode, int[]> positions = new IdentityHashMap<>();
        /** Keys (String) and list indices (Integer) from the root down to where the parser is. */
        final List<Object> at = new ArrayList<>();

        Reader(String file) {
            this.file = file;
        }

        JsonNode read(JsonParser p) throws IOException {
            JsonNodeFactory nf = JsonNodeFactory.instance;
            switch (p.currentToken()) {
                case START_OBJECT: {
                    ObjectNode obj = nf.objectNode();
                    IntList pos = new IntList();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        JsonLocation keyLoc = p.currentTokenLocation();
                        at.add(key);
                        if (obj.has(key)) {
                            throw new ConfigException(file, keyLoc.getLineNr(), keyLoc.getColumnNr(), path(), "duplicate key");
                        }
                        pos.add(keyLoc.getLineNr(), keyLoc.getColumnNr());
                        p.nextToken();
                        obj.set(key, read(p));
                        at.remove(at.size() - 1);
                    }
                    positions.put(obj, pos.toArray());
                    return obj;
                }
                case START_ARRAY: {
                    ArrayNode arr = nf.arrayNode();
                    IntList pos = new IntList();
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        JsonLocation itemLoc = p.currentTokenLocation();
                        pos.add(itemLoc.getLineNr(), itemLoc.getColumnNr());
                        at.add(i++);
                        arr.add(read(p));
                        at.remove(at.size() - 1);
                    }
                    positions.put(arr, pos.toArray());
                    return arr;
                }
                case VALUE_STRING: return nf.textNode(p.getText());
                case VALUE_NUMBER_INT: return nf.numberNode(p.getLongValue());
                case VALUE_NUMBER_FLOAT: return nf.numberNode(p.getDoubleValue());
                case VALUE_TRUE: return nf.booleanNode(true);
                case VALUE_FALSE: return nf.booleanNode(false);
                case VALUE_NULL: return nf.nullNode();
                default:
                    JsonLocation loc = p.currentTokenLocation();
                    throw new ConfigException(file, loc.getLineNr(), loc.getColumnNr(), path(), "unexpected YAML token "
                            + p.currentToken());
            }
        }

        /** Where the parser is, as a key path. */
        String path() {
            StringBuilder sb = new StringBuilder();
            for (Object o : at) {
                if (o instanceof Integer i) {
                    sb.append('[').append(i).append(']');
                } else {
                    sb.append(sb.length() == 0 ? "" : ".").append(o);
                }
            }
            return sb.toString();
        }
    }

    /** A growable list of int pairs. */
    private static final class IntList {
        int[] a = new int[8];
        int size;

        void add(int x, int y) {
            if (size + 2 > a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = x;
            a[size++] = y;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
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
                int i = fieldIndex(node, key);
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

    private static int fieldIndex(JsonNode obj, String key) {
        int i = 0;
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); i++) {
            if (it.next().equals(key)) {
                return i;
            }
        }
        throw new IllegalStateException(key);
    }
}
