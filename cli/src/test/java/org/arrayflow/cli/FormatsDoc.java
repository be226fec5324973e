package org.arrayflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.arrayflow.arch.ArchKinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes docs/formats.md from the JSON Schemas that {@code arrayflow schema} prints: one table of keys per
 * format (per kind for architectures, per layer type for workloads), with each key's type, bounds, whether
 * it is required and its description. Validation cases have no schema; their table is written here from
 * {@code validation.ValidationCase}. {@code SchemaDocsTest} compares the result with the committed file.
 */
final class FormatsDoc {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FormatsDoc() {}

    static String generate() {
        StringBuilder md = new StringBuilder();
        md.append(INTRO);
        md.append("\n## Architectures\n\n");
        md.append("Every architecture file starts with the common header (`arrayflow schema arch`); its `type` picks "
                + "the schema of the rest.\n");
        section(md, "### Common header", "arch", "arch");
        for (String type : ArchKinds.types()) {
            section(md, "### type: " + type, type, type);
        }
        md.append("\n## Workloads\n");
        JsonNode wl = schema("workload");
        section(md, null, "workload", wl);
        JsonNode items = wl.path("properties").path("layers").path("items");
        for (JsonNode branch : items.path("allOf")) {
            String type = branch.path("if").path("properties").path("type").path("const").asText();
            JsonNode then = branch.path("then");
            md.append("\n### Layer type ").append(type).append("\n\n");
            md.append(sentence(then.path("description").asText())).append("\n\n");
            table(md, wl, then, "layers[].", 0, items.path("else").path("required"));
        }
        if (items.has("then")) {
            md.append("\n### Repeat blocks\n\n");
            md.append(sentence(items.path("then").path("description").asText())).append("\n\n");
            table(md, wl, items.path("then"), "layers[].", 0, null);
        }
        md.append("\n## Sweeps\n");
        section(md, null, "sweep", schema("sweep"));
        md.append(VALIDATION);
        return md.toString();
    }

    private static void section(StringBuilder md, String heading, String command, String kind) {
        section(md, heading, command, schema(kind));
    }

    private static void section(StringBuilder md, String heading, String command, JsonNode schema) {
        if (heading != null) {
            md.append('\n').append(heading).append('\n');
        }
        md.append("\nSchema `").append(schema.path("$id").asText().replaceAll(".*/", "")).append("` (")
                .append(schema.path("title").asText()).append("), printed by `arrayflow schema ").append(command)
                .append("`.\n\n");
        table(md, schema, schema, "", 0, null);
    }

    private static void table(StringBuilder md, JsonNode root, JsonNode object, String prefix, int depth,
                              JsonNode alsoRequired) {
        if (depth == 0) {
            md.append("| key | type | required | description |\n|---|---|---|---|\n");
        }
        JsonNode required = object.path("required");
        for (Iterator<Map.Entry<String, JsonNode>> it = object.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            boolean req = false;
            for (JsonNode r : required) {
                req |= r.asText().equals(e.getKey());
            }
            if (alsoRequired != null) {
                for (JsonNode r : alsoRequired) {
                    req |= r.asText().equals(e.getKey());
                }
            }
            row(md, root, prefix + e.getKey(), e.getValue(), req, depth);
        }
        JsonNode extra = object.path("additionalProperties");
        if (extra.isObject()) {
            row(md, root, prefix + "<name>", extra, false, depth);
        }
    }

    private static void row(StringBuilder md, JsonNode root, String key, JsonNode prop, boolean required, int depth) {
        JsonNode p = resolve(root, prop);
        String description = prop.has("description") ? prop.path("description").asText()
                : p.path("description").asText();
        md.append("| `").append(key).append("` | ").append(cell(type(root, p))).append(" | ")
                .append(required ? "yes" : "").append(" | ").append(cell(sentence(description))).append(" |\n");
        if (isObject(p)) {
            table(md, root, p, key + ".", depth + 1, null);
        } else if (p.path("type").asText().equals("array") && isObject(resolve(root, p.path("items")))) {
            JsonNode items = resolve(root, p.path("items"));
            if (items.has("allOf")) {
                return; // workload layers: a section per layer type
            }
            table(md, root, items, key + "[].", depth + 1, null);
        }
    }

    private static boolean isObject(JsonNode p) {
        return p.path("type").asText().equals("object")
                && (p.path("properties").size() > 0 || p.path("additionalProperties").isObject());
    }

    private static JsonNode resolve(JsonNode root, JsonNode p) {
        if (p.has("$ref")) {
            String ref = p.path("$ref").asText();
            return root.at(ref.substring(1));
        }
        return p;
    }

    /** Type and bounds in words: {@code integer 1..64}, {@code one of: a, b}, {@code list of string}. */
    static String type(JsonNode root, JsonNode p) {
        p = resolve(root, p);
        if (p.has("const")) {
            return "`" + p.path("const").asText() + "`";
        }
        if (p.has("enum")) {
            List<String> vs = new ArrayList<>();
            p.path("enum").forEach(v -> vs.add("`" + v.asText() + "`"));
            return "one of " + String.join(", ", vs);
        }
        if (p.has("oneOf")) {
            List<String> vs = new ArrayList<>();
            p.path("oneOf").forEach(v -> vs.add(type(root, v)));
            return String.join(", or ", vs);
        }
        JsonNode t = p.path("type");
        if (t.isArray()) {
            List<String> vs = new ArrayList<>();
            t.forEach(v -> vs.add(v.asText()));
            return String.join(" or ", vs);
        }
        String name = t.asText();
        switch (name) {
            case "array": {
                String of = p.has("items") ? type(root, p.path("items")) : "any";
                String n = count(p);
                return "list" + n + " of " + of;
            }
            case "object":
                return p.path("properties").size() == 0 && p.path("additionalProperties").isObject()
                        ? "map of name to " + type(root, p.path("additionalProperties")) : "map";
            case "integer":
            case "number":
                return name + bounds(p);
            case "":
                return "any";
            default:
                return name;
        }
    }

    private static String count(JsonNode p) {
        if (p.has("minItems") && p.has("maxItems") && p.path("minItems").equals(p.path("maxItems"))) {
            return " of " + p.path("minItems").asText();
        }
        return p.has("minItems") && p.path("minItems").asInt() > 0 ? " (at least " + p.path("minItems").asText() + ")" : "";
    }

    private static String bounds(JsonNode p) {
        List<String> b = new ArrayList<>();
        if (p.has("exclusiveMinimum")) {
            b.add("> " + num(p.path("exclusiveMinimum")));
        } else if (p.has("minimum")) {
            b.add(">= " + num(p.path("minimum")));
        }
        if (p.has("exclusiveMaximum")) {
            b.add("< " + num(p.path("exclusiveMaximum")));
        } else if (p.has("maximum") && p.path("maximum").asDouble() != Integer.MAX_VALUE) {
            b.add("<= " + num(p.path("maximum")));
        }
        return b.isEmpty() ? "" : " " + String.join(", ", b);
    }

    private static String num(JsonNode n) {
        double v = n.asDouble();
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(java.util.Locale.ROOT, "%,d", (long) v);
        }
        return n.decimalValue().stripTrailingZeros().toPlainString();
    }

    private static String sentence(String s) {
        if (s.isEmpty()) {
            return s;
        }
        String t = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    static JsonNode schema(String kind) {
        try {
            String text = SchemaCommand.text(kind);
            if (text == null) {
                throw new IllegalArgumentException("no schema " + kind);
            }
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String INTRO = """
            # Input formats

            <!-- Generated from sim-core/src/main/resources/arrayflow/schema/*.schema.json by FormatsDoc (cli tests);
                 do not edit: change the schemas' descriptions and regenerate (see below). -->

            Every key of every file arrayflow reads: architectures (per kind), workloads (per layer type), sweeps and
            validation cases. The tables are generated from the JSON Schemas the files are checked against; the
            same schemas, printed by `arrayflow schema KIND`, let an editor complete and check the files as you
            type. A default is what the reader uses when the key is left out. Sizes in KiB are 1024 bytes; GB/s
            is 10^9 bytes per second; energies are pJ per access of one word of the level's width unless a key
            says per byte or per cycle.

            To regenerate this file after changing a schema:
            `mvn -B -o test -pl sim-core,reports,cli -am -Dtest=SchemaDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Darrayflow.updateDocs=true`.

            ## Editors

            `arrayflow schema KIND` prints one schema (KIND: `arch`, `systolic`, `row-stationary`, `tiled-fusion`,
            `workload`, `sweep`) to standard output, or to a file with `--out FILE`. Save the ones you use:

            ```
            mkdir -p schemas
            arrayflow schema systolic > schemas/arch-systolic.json
            arrayflow schema workload > schemas/workload.json
            arrayflow schema sweep --out schemas/sweep.json
            ```

            **VS Code** (Red Hat's YAML extension): put a modeline on the first line of a file,

            ```yaml
            # yaml-language-server: $schema=../schemas/arch-systolic.json
            ```

            (a path relative to the file, or an absolute one), or map files to schemas once in `settings.json`:

            ```json
            "yaml.schemas": {
              "./schemas/arch-systolic.json": ["my-arch-configs/*.yaml"],
              "./schemas/workload.json": ["my-workloads/*.yaml"],
              "./schemas/sweep.json": ["my-sweeps/*.yaml"]
            }
            ```

            **IntelliJ IDEA**: Settings, Languages & Frameworks, Schemas and DTDs, JSON Schema Mappings: add a
            mapping per schema file (JSON Schema version 2020-12) with the files or folders it covers. IntelliJ
            also reads the `# yaml-language-server: $schema=` modeline.

            The editor then completes keys, shows these descriptions on hover and marks unknown keys, wrong types
            and values out of range. The simulator checks more than the schema can say (for example that every
            tensor has exactly one buffer); `arrayflow check` reports those too.
            """;

    private static final String VALIDATION = """

            ## Validation cases

            A validation case (`format: arrayflow-validation/1`, see validation/README.md) has no JSON Schema;
            `org.arrayflow.validation.ValidationCase` reads these keys, and ignores others (free-text notes such
            as `modelled` and `not_modelled`).

            | key | type | required | description |
            |---|---|---|---|
            | `format` | `arrayflow-validation/1` | yes | The file format; a YAML file without it is not a case. |
            | `name` | string | yes | The case's name, shown in the table `arrayflow validate` prints. |
            | `source` | string | yes | Where the expected figures come from (paper and table, or "derived: ..." with the arithmetic). |
            | `arch` | string | yes | The architecture: a path relative to the case file, else a bundled name (a SCALE-Sim .cfg runs in SCALE-Sim mode). |
            | `workload` | string | yes, unless `study` | The workload: a path relative to the case file, else a bundled name (.csv: SCALE-Sim topology). |
            | `study` | `tpu-whatif` | | A design study run on `arch` instead of one workload: its figures name a `point` of the study (validation/README.md). |
            | `transforms` | list | | Compression transforms applied to the workload first, as in a workload file (docs/compression.md). |
            | `batch` | integer >= 0 | | Images per run; default 0, the workload's own batch. |
            | `options` | map of name to string | | Run options, as on the command line (e.g. `workload_format: gemm`, `dataflow: os`, `fuse`, `strategy`, `tile`). |
            | `baseline` | map | | A second run that figures with `ratio: true` are divided by: any of `arch`, `workload`, `batch`, `options`, `transforms`, the rest the case's own. |
            | `expect` | list (at least 1) of map | yes | The expected figures. |
            | `expect[].layer` | string | yes, unless `study` | A layer name, a fused group `first..last` (fusion cases), or `total` for the whole run. |
            | `expect[].point` | string | in a `study` | The study's design point the figure is of, e.g. `memory x4`, `gddr5`. |
            | `expect[].metric` | string | yes | The metric compared (listed in validation/README.md), e.g. `total_cycles`, `dram_bytes`, `energy_pj`. |
            | `expect[].value` | number | yes | The expected value. |
            | `expect[].tolerance_pct` | number >= 0 | yes | The largest relative error that passes, in percent. |
            | `expect[].ratio` | boolean | | The figure is this run's metric over the `baseline` run's (e.g. cycles with and without 2:4 support); default false. |
            | `expect[].known_deviation` | string | | Marks a figure the model is known to miss, giving the reason: it passes only while it stays outside its tolerance. |
            """;
}
