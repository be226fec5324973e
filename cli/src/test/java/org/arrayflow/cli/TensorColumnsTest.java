package org.arrayflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Datatypes and densities in layers.csv, result.json and report.html: present, with the figures the run
 * used, when a transform states them; absent from a run that states nothing (its outputs are as before).
 */
class TensorColumnsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void statedDatatypesAndDensitiesAreShownLayerByLayer() throws IOException {
        Path out = dir.resolve("pruned");
        CliRun r = CliRun.of("run", "--arch", "tpu-v1", "--workload", "alexnet", "--transform", "prune:fc*=0.09",
                "--transform", "quantize:weight=int4,layers=fc8", "--out", out.toString(), "--no-charts");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(out.resolve("layers.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        assertThat(header).containsSubsequence("utilization", "ifmap_datatype", "ifmap_density", "weight_datatype",
                "weight_density", "psum_datatype", "psum_density", "ofmap_datatype", "ofmap_density", "macs_skipped",
                "macs_gated", "nonzero_weights");
        String fc8 = csv.stream().filter(l -> l.contains(",fc8,")).findFirst().orElseThrow();
        List<String> cells = List.of(fc8.split(","));
        assertThat(cells.get(header.indexOf("weight_datatype"))).isEqualTo("int4");
        assertThat(cells.get(header.indexOf("weight_density"))).isEqualTo("0.09");
        // 4,096,000 weights at 9 %: 368,640 non-zero; tpu-v1 neither skips nor gates
        assertThat(cells.get(header.indexOf("nonzero_weights"))).isEqualTo("368640");
        assertThat(cells.get(header.indexOf("macs_skipped"))).isEqualTo("0");

        JsonNode json = JSON.readTree(out.resolve("result.json").toFile());
        JsonNode layer = json.get("layers").get(indexOf(json, "fc8"));
        assertThat(layer.get("tensors").get("weight").get("datatype").asText()).isEqualTo("int4");
        assertThat(layer.get("tensors").get("weight").get("density").asText()).isEqualTo("0.09");
        assertThat(json.get("totals").get("nonzero_weights").asLong()).isPositive();
        assertThat(Files.readString(out.resolve("report.html"))).contains("<h3>Datatypes and densities</h3>");
    }

    @Test
    void aRunThatStatesNothingHasNoneOfTheColumns() throws IOException {
        Path out = dir.resolve("plain");
        CliRun r = CliRun.of("run", "--arch", "tpu-v1", "--workload", "alexnet", "--out", out.toString(), "--no-charts");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("layers.csv")).get(0)).doesNotContain("_datatype", "macs_skipped");
        assertThat(Files.readString(out.resolve("result.json"))).doesNotContain("\"tensors\"", "nonzero_weights");
        assertThat(Files.readString(out.resolve("report.html"))).doesNotContain("Datatypes and densities");
    }

    private static int indexOf(JsonNode json, String name) {
        for (int i = 0; i < json.get("layers").size(); i++) {
            if (json.get("layers").get(i).get("name").asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no layer " + name);
    }
}
