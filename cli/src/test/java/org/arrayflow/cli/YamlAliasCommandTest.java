package org.arrayflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** YAML anchors and aliases in the files a user writes mean what YAML says, through the CLI. */
class YamlAliasCommandTest {
    private static final String ARCH = """
            format: arrayflow-arch/1
            description: &d systolic-32x32
            name: *d
            type: systolic
            clock_mhz: 1000
            word_bits: 8
            dataflow: weight-stationary
            pe_array: {rows: 32, cols: 32, accumulator_bits: 32}
            memory:
              ifmap_sram: &buf {size_kib: 64, read_energy_pj: 3.0, write_energy_pj: 3.0}
              filter_sram: *buf
              ofmap_sram: {<<: *buf}
              dram: {bandwidth_gb_s: 16, latency_cycles: 100, channels: 1, energy_pj_per_byte: 160}
            energy: {mac_pj: 0.3, vector_op_pj: 0.1, leakage_pj_per_cycle: 0}
            """;

    @Test
    void anArchitectureWithAliasesEqualsTheOneWrittenOut(@TempDir Path dir) throws IOException {
        Path arch = Files.writeString(dir.resolve("aliased.yaml"), ARCH);
        CliRun check = CliRun.of("check", arch.toString());
        assertThat(check.status()).as(check.err()).isZero();
        assertThat(check.out()).contains("systolic architecture 'systolic-32x32'");
        CliRun a = CliRun.of("run", "--arch", arch.toString(), "--workload", "alexnet", "--out",
                dir.resolve("a").toString(), "--no-charts");
        CliRun b = CliRun.of("run", "--arch", "systolic-32x32", "--workload", "alexnet", "--out",
                dir.resolve("b").toString(), "--no-charts");
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(b.status()).as(b.err()).isZero();
        assertThat(Files.readString(dir.resolve("a/layers.csv"))).isEqualTo(Files.readString(dir.resolve("b/layers.csv")));
        assertThat(Files.readString(dir.resolve("a/summary.csv"))).isEqualTo(Files.readString(dir.resolve("b/summary.csv")));
    }

    @Test
    void anAliasBeforeItsAnchorIsAnErrorNotAName(@TempDir Path dir) throws IOException {
        String text = ARCH.replace("description: &d systolic-32x32\nname: *d\n", "name: *d\ndescription: &d x\n");
        Path arch = Files.writeString(dir.resolve("late.yaml"), text);
        CliRun r = CliRun.of("check", arch.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(arch + ":2:7: name: alias *d refers to no anchor &d defined before it");
    }

    @Test
    void aSweepAxisMayReuseAnotherAxisValues(@TempDir Path dir) throws IOException {
        Path sweep = Files.writeString(dir.resolve("s.yaml"), """
                format: arrayflow-sweep/1
                name: aliased
                arch: systolic-32x32
                workloads: [alexnet]
                grid:
                  pe_array.rows: &sizes [16, 32]
                  pe_array.cols: *sizes
                """);
        CliRun r = CliRun.of("sweep", sweep.toString(), "--out", dir.resolve("out").toString(),
                "--quiet", "--no-charts");
        assertThat(r.status()).as(r.err()).isZero();
        // header + 2 x 2 points
        assertThat(Files.readAllLines(dir.resolve("out/results.csv"))).hasSize(5);
    }
}
