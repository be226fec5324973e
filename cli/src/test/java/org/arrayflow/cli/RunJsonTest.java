package org.arrayflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --json}: standard output is one JSON document, result.json's totals, and the folder is written. */
class RunJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void stdoutIsTheTotalsOfResultJson() throws IOException {
        Path out = dir.resolve("r");
        CliRun r = CliRun.of("run", "--arch", "tpu-v1", "--workload", "tpu/mlp0", "--out",
                out.toString(), "--no-charts", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode printed = JSON.readTree(r.out());
        JsonNode written = JSON.readTree(out.resolve("result.json").toFile()).get("totals");
        assertThat(printed).isEqualTo(written);
        assertThat(printed.get("macs").asLong()).isPositive();
        assertThat(printed.get("workload").asText()).isEqualTo("tpu-mlp0");
        // nothing but the document: no table, no "results written to" line
        assertThat(r.out()).startsWith("{").endsWith("}\n").doesNotContain("results written to");
        for (String f : new String[] {"layers.csv", "summary.csv", "report.html"}) {
            assertThat(out.resolve(f)).isRegularFile();
        }
    }

    @Test
    void withoutTheOptionTheTableIsPrinted() {
        CliRun r = CliRun.of("run", "--arch", "tpu-v1", "--workload", "tpu/mlp0", "--out",
                dir.resolve("t").toString(), "--no-charts");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).doesNotStartWith("{").contains("results written to");
    }
}
