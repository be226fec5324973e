package org.arrayflow.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep commands end to end: a sweep process killed part-way and restarted, shards merged, bad axes.
 * The reference result comes from an uninterrupted in-process run of the same command.
 */
class SweepCommandTest {
    /** 4 rows x 4 cols x 3 dataflows x 2 ifmap sizes. */
    private static final int POINTS = 96;

    @TempDir
    static Path dir;
    static Path sweepFile;
    static Path reference;

    @BeforeAll
    static void referenceRun() throws IOException {
        for (String f : List.of("tiny.yaml", "kill.yaml")) {
            try (InputStream in = SweepCommandTest.class.getResourceAsStream("/sweep/" + f)) {
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
        sweepFile = dir.resolve("kill.yaml");
        reference = dir.resolve("reference");
        CliRun r = CliRun.of("sweep", sweepFile.toString(), "--out", reference.toString(), "--quiet");
        assertThat(r.status()).as(r.err()).isZero();
    }

    static List<String> dataLines(Path f) throws IOException {
        List<String> l = Files.readAllLines(f, StandardCharsets.UTF_8);
        return l.subList(1, l.size());
    }

    static long completeLines(Path f) throws IOException {
        if (!Files.exists(f)) {
            return 0;
        }
        return Files.readString(f).chars().filter(c -> c == '\n').count() - 1;
    }

    private static Process start(Path out, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true",
                Main.class.getName(), "sweep", sweepFile.toString(), "--out", out.toString(), "--threads", "1");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void killedSweepResumesWithEveryPointOnceAndTheSameResults() throws Exception {
        Path out = dir.resolve("killed");
        Path points = out.resolve("points.csv");
        Process p = start(out, dir.resolve("first.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (completeLines(points) < 3 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long atKill = completeLines(points);
        assertThat(atKill).as("killed part-way, not before the first point nor after the last")
                .isBetween(3L, (long) POINTS - 1);

        Process again = start(out, dir.resolve("second.log"));
        assertThat(again.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("second.log"));
        assertThat(again.exitValue()).as(log).isZero();
        assertThat(log).contains("resuming: " + atKill + " points already in points.csv");

        List<String> lines = dataLines(points);
        assertThat(lines).hasSize(POINTS);
        Set<String> ids = new HashSet<>();
        for (String l : lines) {
            ids.add(l.split(",")[1]);
        }
        assertThat(ids).hasSize(POINTS);
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(null);
        List<String> ref = new ArrayList<>(dataLines(reference.resolve("points.csv")));
        ref.sort(null);
        assertThat(sorted).isEqualTo(ref);
        assertThat(Files.readString(out.resolve("results.csv")))
                .isEqualTo(Files.readString(reference.resolve("results.csv")));
    }

    @Test
    void shardsMergedEqualTheUnshardedSweep() throws IOException {
        List<String> dirs = new ArrayList<>(List.of("sweep-merge"));
        for (int i = 1; i <= 3; i++) {
            Path d = dir.resolve("shard-" + i);
            CliRun r = CliRun.of("sweep", sweepFile.toString(), "--out", d.toString(), "--shard", i + "/3", "--quiet");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("shard " + i + "/3").contains("all 32 in");
            dirs.add(d.toString());
        }
        Path merged = dir.resolve("merged");
        dirs.add("--out");
        dirs.add(merged.toString());
        CliRun m = CliRun.of(dirs.toArray(String[]::new));
        assertThat(m.status()).as(m.err()).isZero();
        assertThat(m.out()).contains("merged 96 points from 3 folder(s)");
        for (String f : List.of("points.csv", "results.csv", "summary.txt", "fronts.txt")) {
            List<String> a = new ArrayList<>(Files.readAllLines(merged.resolve(f)));
            List<String> b = new ArrayList<>(Files.readAllLines(reference.resolve(f)));
            a.sort(null);
            b.sort(null);
            assertThat(a).as(f).isEqualTo(b);
        }
        // results.csv is sorted by point index already: equal as files, not only as sorted lines
        assertThat(Files.readString(merged.resolve("results.csv")))
                .isEqualTo(Files.readString(reference.resolve("results.csv")));
        for (String chart : List.of("pareto_latency_cycles_vs_energy_j", "pareto_latency_cycles_vs_area_mm2",
                "sensitivity_pe_array_rows", "sensitivity_memory_ifmap_sram_size_kib")) {
            assertThat(merged.resolve(chart + ".png")).isNotEmptyFile();
            assertThat(merged.resolve(chart + ".svg")).isNotEmptyFile();
        }
    }

    @Test
    void badAxisIsReportedBeforeAnyPointRuns() throws IOException {
        String text = Files.readString(sweepFile).replace("dataflow: [weight-stationary, output-stationary, input-stationary]",
                "dataflow: [weight-stationary, diagonal-stationary]");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, text);
        Path out = dir.resolve("bad-out");
        CliRun r = CliRun.of("sweep", bad.toString(), "--out", out.toString());
        assertThat(r.status()).isEqualTo(Main.BAD_INPUT);
        // line 8: "  dataflow: [weight-stationary, diagonal-stationary]", the second value at column 33
        assertThat(r.err()).startsWith(bad + ":8:33: grid.dataflow[1]: axis dataflow = "
                + "diagonal-stationary is not valid");
        assertThat(out.resolve("points.csv")).doesNotExist();
    }

    @Test
    void checkValidatesASweepWithoutRunningIt() {
        CliRun r = CliRun.of("check", sweepFile.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("ok: sweep 'kill-test', 96 points over 4 axes and 1 workload(s)");
        CliRun bundled = CliRun.of("check", "tpu-array-size");
        // 3 x 3 arrays minus 64x256 and 256x64 (aspect > 2), x 2 dataflows = 14; 2 x 2 dropped
        assertThat(bundled.out()).contains("14 points over 3 axes and 1 workload(s), 4 dropped by constraints");
    }

    @Test
    void mergeCanAddFronts() throws IOException {
        Path again = dir.resolve("refronted");
        CliRun r = CliRun.of("sweep-merge", reference.toString(), "--out", again.toString(), "--pareto", "edp,dram", "--no-charts");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readAllLines(again.resolve("results.csv")).get(0))
                .endsWith(",front_latency_cycles_vs_energy_j,front_latency_cycles_vs_area_mm2,front_edp_j_s_vs_dram_bytes");
        CliRun bad = CliRun.of("sweep-merge", reference.toString(), "--out", again.toString(), "--pareto", "edp,speed");
        assertThat(bad.status()).isEqualTo(Main.BAD_INPUT);
        assertThat(bad.err()).contains("--pareto needs two different metrics");
    }

    @Test
    void plainProgressLinesWhenNotATerminal() throws IOException {
        Path f = dir.resolve("two.yaml");
        Files.writeString(f, String.join("\n", "format: arrayflow-sweep/1", "name: two", "arch: systolic-32x32",
                "workloads: [tiny.yaml]", "points:", "  - {pe_array.rows: 8, pe_array.cols: 8}",
                "  - {pe_array.rows: 16, pe_array.cols: 8}", ""));
        CliRun r = CliRun.of("sweep", f.toString(), "--out", dir.resolve("two").toString(), "--no-charts");
        assertThat(r.status()).as(r.err()).isZero();
        // tests run without a console: no bar, one plain line at the end (and every 5 s before it)
        assertThat(r.err()).contains("sweep: 2/2 points (100.0%)").contains("points/s").doesNotContain("\r");
        assertThat(r.out()).contains("2 points ran, 0 were already done");
        CliRun again = CliRun.of("sweep", f.toString(), "--out", dir.resolve("two").toString(), "--no-charts");
        assertThat(again.err()).contains("resuming: 2 points already in points.csv, 0 to run");
    }

    @Test
    void badShardIsRefused() {
        CliRun r = CliRun.of("sweep", sweepFile.toString(), "--out", dir.resolve("x").toString(), "--shard", "4/3");
        assertThat(r.status()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("--shard must be i/N");
    }
}
