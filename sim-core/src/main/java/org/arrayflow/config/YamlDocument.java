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
import java.util.HashMap;
import java.util.Map;

/**
 * A parsed YAML file that remembers where every key and value came from, so that schema and
 * semantic errors can say {@code file:line:col: key.path: what is wrong}.
 * Paths use dots for object keys and {@code [i]} for list items, e.g. {@code layers[3].kernel}.
 */
public final class YamlDocument {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String file;
    private final JsonNode root;
    private final Map<String, int[]> positions;

    private YamlDocument(String file, JsonNode root, Map<String, int[]> positions) {
        this.file = file;
        this.root = root;
        this.positions = positions;
    }

    public static YamlDocument parse(String file, String text) {
        Map<String, int[]> positions = new HashMap<>();
        String[] current = {""};
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw ConfigException.of(file, "the file is empty");
            }
            JsonNode root = read(p, "", positions, file, current);
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new ConfigException(file, at.getLineNr(), at.getColumnNr(), "", "more than one YAML document");
            }
            return new YamlDocument(file, root, positions);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    current[0], "malformed YAML: " + syntaxProblem(e));
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

    private static JsonNode read(JsonParser p, String path, Map<String, int[]> positions, String file,
                                 String[] current) throws IOException {
        current[0] = path;
        JsonLocation loc = p.currentTokenLocation();
        positions.putIfAbsent(path, new int[] {loc.getLineNr(), loc.getColumnNr()});
        JsonNodeFactory nf = JsonNodeFactory.instance;
        switch (p.currentToken()) {
            case START_OBJECT: {
                ObjectNode obj = nf.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation keyLoc = p.currentTokenLocation();
                    String child = path.isEmpty() ? key : path + "." + key;
                    if (obj.has(key)) {
                        throw new ConfigException(file, keyLoc.getLineNr(), keyLoc.getColumnNr(), child, "duplicate key");
                    }
                    positions.put(child, new int[] {keyLoc.getLineNr(), keyLoc.getColumnNr()});
                    current[0] = child;
                    p.nextToken();
                    obj.set(key, read(p, child, positions, file, current));
                    current[0] = path;
                }
                return obj;
            }
            case START_ARRAY: {
                ArrayNode arr = nf.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    arr.add(read(p, path + "[" + i + "]", positions, file, current));
                    current[0] = path;
                    i++;
                }
                return arr;
            }
            case VALUE_STRING: return nf.textNode(p.getText());
            case VALUE_NUMBER_INT: return nf.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT: return nf.numberNode(p.getDoubleValue());
            case VALUE_TRUE: return nf.booleanNode(true);
            case VALUE_FALSE: return nf.booleanNode(false);
            case VALUE_NULL: return nf.nullNode();
            default:
                throw new ConfigException(file, loc.getLineNr(), loc.getColumnNr(), path, "unexpected YAML token " + p.currentToken());
        }
    }

    public String file() { return file; }
    public JsonNode root() { return root; }

    /**
     * The same file with an edited tree (e.g. a sweep's axis values written into a copy of the root).
     * Positions are kept, so errors about edited keys point at the key, or at its nearest parent, in the file.
     */
    public YamlDocument withRoot(JsonNode editedRoot) {
        return new YamlDocument(file, editedRoot, positions);
    }

    /** An error at the position of {@code path}, or of its nearest ancestor that has a position. */
    public ConfigException error(String path, String problem) {
        String probe = path;
        while (true) {
            int[] pos = positions.get(probe);
            if (pos != null) {
                return new ConfigException(file, pos[0], pos[1], path, problem);
            }
            if (probe.isEmpty()) {
                return new ConfigException(file, 1, 1, path, problem);
            }
            probe = parentOf(probe);
        }
    }

    static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
