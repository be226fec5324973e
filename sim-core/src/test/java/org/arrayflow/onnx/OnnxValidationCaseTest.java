package org.arrayflow.onnx;

import org.arrayflow.validation.CaseRunner;
import org.arrayflow.validation.ValidationCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A validation case names an ONNX model beside it and sets its symbolic dimension under options. */
class OnnxValidationCaseTest {
    @TempDir
    Path dir;

    @Test
    void aCaseRunsAModelWithItsDimension() throws IOException {
        Files.write(dir.resolve("m.onnx"), OnnxImportTest.shapeSubgraph());
        Path c = dir.resolve("case.yaml");
        // fc 256 -> 10 at batch 3: 7,680 MACs, 2,560 weights
        Files.writeString(c, """
                format: arrayflow-validation/1
                name: onnx-fc
                source: "derived: 3 x 256 x 10 MACs, 256 x 10 weights"
                arch: tpu-v1
                workload: m.onnx
                options: {dim: "batch=3"}
                expect:
                  - {layer: total, metric: macs, value: 7680, tolerance_pct: 0}
                  - {layer: total, metric: weights, value: 2560, tolerance_pct: 0}
                """);
        List<CaseRunner.Row> rows = CaseRunner.run(ValidationCase.load(c));
        assertThat(rows).hasSize(2).allMatch(CaseRunner.Row::pass);
    }
}
