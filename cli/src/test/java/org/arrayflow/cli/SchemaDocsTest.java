package org.arrayflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/formats.md is what {@link FormatsDoc} makes of the schemas (regenerate with
 * {@code -Darrayflow.updateDocs=true}); every property of every schema has a description; and
 * {@code arrayflow schema KIND} prints each schema as bundled.
 */
class SchemaDocsTest {
    static final Path DOC = StructureTest.ROOT.resolve("docs/formats.md");

    @Test
    void formatsDocMatchesTheSchemas() throws IOException {
        String generated = FormatsDoc.generate();
        if (Boolean.getBoolean("arrayflow.updateDocs")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertThat(committed).as("docs/formats.md is out of date with the schemas; regenerate it: mvn -B -o test "
                + "-pl sim-core,reports,cli -am -Dtest=SchemaDocsTest -Dsurefire.failIfNoSpecifiedTests=false "
                + "-Darrayflow.updateDocs=true").isEqualTo(generated);
    }

    @Test
    void everyPropertyHasADescription() {
        List<String> missing = new ArrayList<>();
        for (String kind : SchemaCommand.kinds()) {
            walk(kind, "", FormatsDoc.schema(kind), missing);
        }
        assertThat(missing).as("properties without a description").isEmpty();
    }

    private static void walk(String kind, String path, JsonNode node, List<String> missing) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(kind, path + "/" + i, node.get(i), missing);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("properties") && e.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> p = e.getValue().fields(); p.hasNext(); ) {
                    Map.Entry<String, JsonNode> prop = p.next();
                    boolean inIf = path.endsWith("/if") || path.contains("/if/");
                    if (!inIf && !prop.getValue().has("description")) {
                        missing.add(kind + ": " + path + "/properties/" + prop.getKey());
                    }
                }
            }
            walk(kind, path + "/" + e.getKey(), e.getValue(), missing);
        }
    }

    @Test
    void schemaCommandPrintsEachBundledSchema(@TempDir Path tmp) throws IOException {
        for (String kind : List.of("arch", "systolic", "row-stationary", "tiled-fusion", "workload", "sweep")) {
            String resource = kind.equals("arch") || kind.equals("workload") || kind.equals("sweep") ? kind
                    : "arch-" + kind;
            Path file = StructureTest.ROOT.resolve("sim-core/src/main/resources/arrayflow/schema/" + resource
                    + ".schema.json");
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            expected = expected.endsWith("\n") ? expected : expected + "\n";
            CliRun r = CliRun.of("schema", kind);
            assertThat(r.status()).as(kind + ": " + r.err()).isZero();
            assertThat(r.out()).as(kind).isEqualTo(expected);
            Path out = tmp.resolve("sub/" + kind + ".json");
            CliRun w = CliRun.of("schema", kind, "--out", out.toString());
            assertThat(w.status()).as(kind + " --out: " + w.err()).isZero();
            assertThat(w.out()).isEmpty();
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    @Test
    void helpListsEveryKind() {
        CliRun r = CliRun.of("schema", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Usage: arrayflow schema").contains("--out");
        for (String kind : SchemaCommand.kinds()) {
            assertThat(r.out().replaceAll("\\s+", " ")).contains(kind);
        }
    }

    @Test
    void unknownKindIsAnInputError() {
        CliRun r = CliRun.of("schema", "tpu");
        assertThat(r.status()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("unknown KIND 'tpu'").contains("systolic").contains("workload");
        CliRun none = CliRun.of("schema");
        assertThat(none.status()).isEqualTo(Main.BAD_INPUT);
    }
}
