package org.arrayflow.onnx;

import org.arrayflow.config.ConfigException;
import org.arrayflow.sweep.Sweep;
import org.arrayflow.sweep.SweepLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A sweep names an ONNX model beside it and sets its symbolic dimensions with {@code dims}. */
class OnnxSweepTest {
    @TempDir
    Path dir;

    private Sweep sweep(String lines) {
        return SweepLoader.parse(dir.resolve("s.yaml").toString(), """
                format: arrayflow-sweep/1
                name: s
                arch: systolic-32x32
                workloads: [m.onnx]
                grid: {pe_array.rows: [16, 32]}
                """ + lines, dir);
    }

    @Test
    void dimsSetTheModelsSymbolicDimensions() throws IOException {
        Files.write(dir.resolve("m.onnx"), OnnxImportTest.shapeSubgraph());
        // x is batch x 4 x 8 x 8, flattened into an fc 256 -> 10: at batch 3, 3 x 256 x 10 = 7,680 MACs
        assertThat(sweep("dims: {batch: 3}\n").networks().values()).singleElement()
                .satisfies(n -> assertThat(n.macs()).isEqualTo(7680));
        // a symbolic first dimension left out takes the sweep's batch, as run's --batch
        assertThat(sweep("batch: 5\n").networks().values()).singleElement()
                .satisfies(n -> assertThat(n.macs()).isEqualTo(5 * 2560));
    }

    @Test
    void dimsWithoutAnOnnxWorkloadAreAnErrorAtTheKey() {
        assertThatThrownBy(() -> SweepLoader.parse(dir.resolve("s.yaml").toString(), """
                format: arrayflow-sweep/1
                name: s
                arch: systolic-32x32
                workloads: [alexnet]
                dims: {batch: 3}
                grid: {pe_array.rows: [16, 32]}
                """, dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":5:")
                .hasMessageContaining("no workload of this sweep is one");
    }
}
