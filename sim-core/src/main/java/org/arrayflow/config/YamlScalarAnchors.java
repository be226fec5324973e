package org.arrayflow.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

/**
 * The anchors on scalar values ({@code width: &w 64}), by where each value starts. Jackson's YAML parser
 * reports the anchors of mappings and lists but not of scalars, so a file that has an anchor at all is
 * also read as SnakeYAML's events, which carry them. Syntax errors are left to the main parse, which
 * reports them with their position.
 */
final class YamlScalarAnchors {
    private YamlScalarAnchors() {}

    static Map<Long, String> of(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(YamlDocument.MAX_CHARACTERS);
        Map<Long, String> out = new HashMap<>();
        try {
            for (Event e : new Yaml(options).parse(new StringReader(text))) {
                if (e instanceof ScalarEvent s && s.getAnchor() != null) {
                    Mark m = s.getStartMark();
                    out.put(YamlTreeReader.key(m.getLine() + 1, m.getColumn() + 1), s.getAnchor());
                }
            }
        } catch (YAMLException e) {
            // the main parse meets the same problem and says where it is
        }
        return out;
    }
}
