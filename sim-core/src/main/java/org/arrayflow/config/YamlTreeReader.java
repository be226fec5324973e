package org.arrayflow.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a YAML document's tree from the parser's tokens, recording the position of each key and list item,
 * and expanding anchors and aliases ({@code &sizes [64, 128]} ... {@code *sizes}) as YAML means them: an alias
 * stands for a copy of what its anchor marks (positions included, so an error inside it points at the
 * anchored text). YAML's merge key is honoured ({@code {<<: *base, size_kib: 128}}: the base's keys, then the
 * explicit ones win). The parser reports an alias as a string of the anchor's name, which is why this
 * expansion is needed at all; expansions are counted, so an alias bomb stops with an error at a fixed size.
 */
final class YamlTreeReader {
    /** Values that aliases may add in all (each expansion counts every value it copies). */
    static final int MAX_EXPANDED = 1_000_000;
    private static final String MERGE = "<<";

    private final String file;
    final Map<JsonNode, int[]> positions = new IdentityHashMap<>();
    /** Keys (String) and list indices (Integer) from the root down to where the parser is. */
    private final List<Object> at = new ArrayList<>();
    /** Anchored scalars by the line and column where they start (the parser reports containers' anchors only). */
    private final Map<Long, String> scalarAnchors;
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private final Map<JsonNode, Integer> sizes = new IdentityHashMap<>();
    private long expanded;

    /** Where the last value read starts: the place to name when the parser gives up without one. */
    JsonLocation last;

    YamlTreeReader(String file, String text) {
        this.file = file;
        this.scalarAnchors = text.indexOf('&') >= 0 ? YamlScalarAnchors.of(text) : Map.of();
    }

    JsonNode read(JsonParser p) throws IOException {
        JsonNodeFactory nf = JsonNodeFactory.instance;
        JsonLocation loc = p.currentTokenLocation();
        last = loc;
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            return alias(p.getText(), loc);
        }
        String anchor = p instanceof YAMLParser y ? y.getObjectId() : null;
        JsonNode node;
        switch (p.currentToken()) {
            case START_OBJECT -> node = object(p);
            case START_ARRAY -> node = array(p);
            case VALUE_STRING -> node = nf.textNode(p.getText());
            case VALUE_NUMBER_INT -> node = nf.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> {
                double v = p.getDoubleValue();
                if (!Double.isFinite(v)) {
                    throw error(loc, "'" + p.getText() + "' is not a finite number");
                }
                node = nf.numberNode(v);
            }
            case VALUE_TRUE -> node = nf.booleanNode(true);
            case VALUE_FALSE -> node = nf.booleanNode(false);
            case VALUE_NULL -> node = nf.nullNode();
            default -> throw error(loc, "unexpected YAML token " + p.currentToken());
        }
        if (node.isContainerNode() ? anchor != null : (anchor = scalarAnchors.get(key(loc))) != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private ObjectNode object(JsonParser p) throws IOException {
        ObjectNode obj = JsonNodeFactory.instance.objectNode();
        IntList pos = new IntList();
        Set<String> merged = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation keyLoc = p.currentTokenLocation();
            at.add(key);
            p.nextToken();
            if (key.equals(MERGE)) {
                merge(obj, pos, merged, read(p), keyLoc);
            } else if (obj.has(key) && !merged.remove(key)) {
                throw error(keyLoc, "duplicate key");
            } else {
                JsonNode value = read(p);
                if (obj.has(key)) {
                    // an explicit key overrides a merged one, in the merged key's place
                    pos.set(fieldIndex(obj, key), keyLoc.getLineNr(), keyLoc.getColumnNr());
                } else {
                    pos.add(keyLoc.getLineNr(), keyLoc.getColumnNr());
                }
                obj.set(key, value);
            }
            at.remove(at.size() - 1);
        }
        positions.put(obj, pos.toArray());
        return obj;
    }

    private ArrayNode array(JsonParser p) throws IOException {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
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

    /** {@code <<: mapping} or {@code <<: [mappings]}: keys not yet present are added; earlier merges win. */
    private void merge(ObjectNode obj, IntList pos, Set<String> merged, JsonNode from, JsonLocation at)
            throws IOException {
        List<JsonNode> sources = new ArrayList<>();
        if (from.isArray()) {
            from.forEach(sources::add);
        } else {
            sources.add(from);
        }
        for (JsonNode src : sources) {
            if (!src.isObject()) {
                throw error(at, "the merge key << takes a mapping or a list of mappings, found "
                        + src.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
            }
            int[] srcPos = positions.get(src);
            int i = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = src.fields(); it.hasNext(); i++) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!obj.has(e.getKey())) {
                    obj.set(e.getKey(), e.getValue());
                    pos.add(srcPos[2 * i], srcPos[2 * i + 1]);
                    merged.add(e.getKey());
                }
            }
        }
    }

    /** A copy of the anchored value; its containers keep the anchored text's positions. */
    private JsonNode alias(String name, JsonLocation loc) throws IOException {
        JsonNode target = anchors.get(name);
        if (target == null) {
            throw error(loc, "alias *" + name + " refers to no anchor &" + name + " defined before it");
        }
        expanded += size(target);
        if (expanded > MAX_EXPANDED) {
            throw error(loc, "aliases expand to more than " + MAX_EXPANDED + " values; an alias that refers to "
                    + "others many times over (an 'alias bomb') is not read");
        }
        return copy(target);
    }

    private JsonNode copy(JsonNode n) {
        if (!n.isContainerNode()) {
            return n; // value nodes are immutable
        }
        JsonNode c;
        if (n.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            n.fields().forEachRemaining(e -> o.set(e.getKey(), copy(e.getValue())));
            c = o;
        } else {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            n.forEach(v -> a.add(copy(v)));
            c = a;
        }
        positions.put(c, positions.get(n));
        return c;
    }

    /** Values in a tree, counted once per anchored tree. */
    private int size(JsonNode n) {
        Integer s = sizes.get(n);
        if (s == null) {
            int total = 1;
            for (JsonNode child : n) {
                total += size(child);
            }
            s = total;
            sizes.put(n, s);
        }
        return s;
    }

    static long key(JsonLocation loc) {
        return key(loc.getLineNr(), loc.getColumnNr());
    }

    static long key(int line, int column) {
        return ((long) line << 32) | (column & 0xFFFFFFFFL);
    }

    /** The place of a key among its object's keys (positions are kept in that order). */
    static int fieldIndex(JsonNode obj, String key) {
        int i = 0;
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); i++) {
            if (it.next().equals(key)) {
                return i;
            }
        }
        throw new IllegalStateException(key);
    }

    ConfigException error(JsonLocation loc, String problem) {
        return new ConfigException(file, loc.getLineNr(), loc.getColumnNr(), path(), problem);
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

        void set(int pair, int x, int y) {
            a[2 * pair] = x;
            a[2 * pair + 1] = y;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
