package org.arrayflow.cli;

import org.arrayflow.io.OutputLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the commands do with their output folders and file names, as a user meets it: a sweep folder is
 * locked against a second process, shards are merged only when whole (or when asked), sweep sizes and
 * paths are checked before anything runs, links in an output folder are not written through, and text
 * cells in CSV files cannot be run as spreadsheet formulas.
 */
class OutputFolderCommandTest {
    @TempDir
    static Path dir;
    static Path tiny;

    @BeforeAll
    static void files() throws IOException {
        try (InputStream in = OutputFolderCommandTest.class.getResourceAsStream("/sweep/tiny.yaml")) {
            tiny = dir.resolve("tiny.yaml");
            Files.write(tiny, in.readAllBytes());
        }
    }

    /** A sweep of {@code rows.size() x 2} points of the tiny network. */
    static Path sweep(String name, String rows) throws IOException {
        return sweep(name, name, rows);
    }

    static Path sweep(String file, String name, String rows) throws IOException {
        Path f = dir.resolve(file + ".yaml");
        Files.writeString(f, String.join("\n", "format: arrayflow-sweep/1", "name: " + name, "arch: systolic-32x32",
                "workloads: [tiny.yaml]", "grid:", "  pe_array.rows: " + rows, "  pe_array.cols: [8, 16]", ""));
        return f;
    }

    static void assertOneLine(CliRun r) {
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aSecondSweepOnTheSameFolderIsRefusedNamingTheHolder() throws Exception {
        // the first sweep is a separate process, slow enough (ResNet-50, one thread) to still hold the folder
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, String.join("\n", "format: arrayflow-sweep/1", "name: big", "arch: systolic-32x32",
                "workloads: [resnet50]", "grid:", "  pe_array.rows: [8, 16, 32, 64, 128]",
                "  pe_array.cols: [8, 16, 32, 64, 128]", "  memory.ifmap_sram.size_kib: [16, 32, 64, 128]", ""));
        Path out = dir.resolve("locked");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process first = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true",
                Main.class.getName(), "sweep", big.toString(), "--out", out.toString(), "--threads", "1", "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
        try {
            Path points = out.resolve("points.csv");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((!Files.exists(points) || Files.size(points) == 0) && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(first.isAlive()).as("the first sweep is still running").isTrue();
            CliRun second = CliRun.of("sweep", big.toString(), "--out", out.toString(), "--quiet");
            assertOneLine(second);
            assertThat(second.err()).startsWith("arrayflow: error: " + out + " is in use by another arrayflow process (pid "
                    + first.pid() + ", sweep " + big + " since ").contains("choose another --out");
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }
        // the operating system dropped the killed process's lock: the folder can be resumed at once
        CliRun resumed = CliRun.of("sweep", sweep("after-kill", "[4]").toString(), "--out", dir.resolve("free").toString(),
                "--quiet", "--no-charts");
        assertThat(resumed.status()).as(resumed.err()).isZero();
        try (OutputLock lock = OutputLock.acquire(out, "test")) {
            assertThat(lock).isNotNull();
        }
        assertThat(out.resolve(OutputLock.FILE)).isEmptyFile();
    }

    @Test
    void mergeRefusesMissingOrMismatchedShardsUnlessPartial() throws IOException {
        Path s = sweep("sharded", "[4, 8, 16, 32]");
        List<String> shards = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Path d = dir.resolve("shard-" + i);
            assertThat(CliRun.of("sweep", s.toString(), "--out", d.toString(), "--shard", i + "/4", "--quiet").status()).isZero();
            shards.add(d.toString());
        }
        assertThat(Files.readString(dir.resolve("shard-2/shard.txt"))).contains("sweep sharded\n")
                .contains("shard 2/4\npoints 2\n");

        // 3 of 4: refused, saying which is missing
        CliRun three = CliRun.of("sweep-merge", shards.get(0), shards.get(1), shards.get(2), "--out", dir.resolve("m3").toString());
        assertOneLine(three);
        assertThat(three.err()).isEqualTo("sweep-merge: shard 4/4 of sweep 'sharded' is missing (add --partial to merge "
                + "what is there)\n");
        assertThat(dir.resolve("m3/points.csv")).doesNotExist();
        CliRun partial = CliRun.of("sweep-merge", shards.get(0), shards.get(1), shards.get(2), "--out", dir.resolve("m3").toString(),
                "--partial", "--no-charts");
        assertThat(partial.status()).as(partial.err()).isZero();
        assertThat(partial.out()).contains("partial merge: shard 4/4 of sweep 'sharded' is missing")
                .contains("merged 6 points from 3 folder(s)");
        assertThat(dir.resolve("m3/shard.txt")).doesNotExist();

        // all 4: merged, and the result says it is the whole sweep
        List<String> all = new ArrayList<>(List.of("sweep-merge"));
        all.addAll(shards);
        all.addAll(List.of("--out", dir.resolve("m4").toString(), "--no-charts"));
        CliRun whole = CliRun.of(all.toArray(String[]::new));
        assertThat(whole.status()).as(whole.err()).isZero();
        assertThat(whole.out()).contains("merged 8 points from 4 folder(s)").doesNotContain("partial");
        assertThat(Files.readString(dir.resolve("m4/shard.txt"))).contains("shard 1/1\npoints 8\n");

        // a shard of another sweep (other points): never merged, not even partially
        Path other = dir.resolve("other-4");
        assertThat(CliRun.of("sweep", sweep("sharded-other", "sharded", "[4, 8, 16, 64]").toString(), "--out", other.toString(), "--shard", "4/4",
                "--quiet").status()).isZero();
        CliRun mixed = CliRun.of("sweep-merge", shards.get(0), shards.get(1), shards.get(2), other.toString(), "--out",
                dir.resolve("mixed").toString(), "--partial");
        assertOneLine(mixed);
        assertThat(mixed.err()).startsWith("sweep-merge: " + other + " is shard 4/4 of sweep 'sharded' (identity ")
                .contains("but " + shards.get(0) + " is shard 1/4").endsWith(": not merged\n");
        CliRun twice = CliRun.of("sweep-merge", shards.get(0), shards.get(0), "--out", dir.resolve("twice").toString(), "--partial");
        assertOneLine(twice);
        assertThat(twice.err()).contains("shard 1/4 is given twice");

        // an unfinished shard: its points.csv lost a line
        Path cut = dir.resolve("shard-cut");
        assertThat(CliRun.of("sweep", s.toString(), "--out", cut.toString(), "--shard", "4/4", "--quiet").status()).isZero();
        List<String> lines = Files.readAllLines(cut.resolve("points.csv"));
        Files.write(cut.resolve("points.csv"), lines.subList(0, lines.size() - 1));
        CliRun unfinished = CliRun.of("sweep-merge", shards.get(0), shards.get(1), shards.get(2), cut.toString(), "--out",
                dir.resolve("cut").toString());
        assertOneLine(unfinished);
        assertThat(unfinished.err()).contains(cut + " (shard 4/4) has 1 of its 2 points: run that shard again");

        // the same folder cannot be given another shard of the sweep
        CliRun wrongShard = CliRun.of("sweep", s.toString(), "--out", shards.get(0), "--shard", "2/4", "--quiet");
        assertOneLine(wrongShard);
        assertThat(wrongShard.err()).startsWith(shards.get(0) + ": holds shard 1/4 of sweep 'sharded'")
                .contains("this is shard 2/4").contains("use another --out");
    }

    @Test
    void aHugeGridIsRefusedBeforeEnumeration() throws IOException {
        String values = IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
        List<String> lines = new ArrayList<>(List.of("format: arrayflow-sweep/1", "name: huge", "arch: systolic-32x32",
                "workloads: [tiny.yaml]", "grid:"));
        for (String key : List.of("pe_array.rows", "pe_array.cols", "memory.ifmap_sram.size_kib",
                "memory.filter_sram.size_kib", "memory.ofmap_sram.size_kib", "memory.dram.bandwidth_gb_s")) {
            lines.add("  " + key + ": " + values);
        }
        Path f = dir.resolve("huge.yaml");
        Files.writeString(f, String.join("\n", lines) + "\n");
        CliRun r = CliRun.of("sweep", f.toString(), "--out", dir.resolve("huge").toString());
        assertOneLine(r);
        assertThat(r.err()).isEqualTo(f + ":5:1: grid: 1,000,000,000,000,000,000 design points (the grid's axes have "
                + "1000 x 1000 x 1000 x 1000 x 1000 x 1000 values, for 1 workload(s)); at most 1,000,000 are run in one "
                + "sweep: split it into several sweep files, or use fewer values\n");
        assertThat(dir.resolve("huge")).doesNotExist();
        CliRun check = CliRun.of("check", f.toString());
        assertThat(check.status()).isEqualTo(Main.BAD_INPUT);
    }

    @Test
    void aNulCharacterInAPathIsReportedAtItsPosition() throws IOException {
        Path f = dir.resolve("nul.yaml");
        Files.writeString(f, String.join("\n", "format: arrayflow-sweep/1", "name: nul", "arch: systolic-32x32",
                "workloads: [\"ti\\0ny.yaml\"]", "grid:", "  pe_array.rows: [4]", ""));
        CliRun r = CliRun.of("sweep", f.toString(), "--out", dir.resolve("nul").toString());
        assertOneLine(r);
        assertThat(r.err()).startsWith(f + ":4:13: workloads[0]: not a valid path: Nul character not allowed");
    }

    @Test
    void linksInAnOutputFolderAreNotWrittenThrough() throws IOException {
        Path s = sweep("links", "[4, 8]");
        Path out = dir.resolve("links");
        assertThat(CliRun.of("sweep", s.toString(), "--out", out.toString(), "--quiet", "--no-charts").status()).isZero();
        String results = Files.readString(out.resolve("results.csv"));

        // results.csv replaced by a link to a file elsewhere: the run replaces the link, the file is untouched
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
        Files.delete(out.resolve("results.csv"));
        Files.createSymbolicLink(out.resolve("results.csv"), victim);
        CliRun again = CliRun.of("sweep", s.toString(), "--out", out.toString(), "--quiet", "--no-charts");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(victim).hasContent("precious");
        assertThat(Files.isSymbolicLink(out.resolve("results.csv"))).isFalse();
        assertThat(Files.readString(out.resolve("results.csv"))).isEqualTo(results);

        // points.csv, which is appended to, as a link: refused, the target untouched
        Path log = Files.writeString(dir.resolve("victim-log.txt"), "log\n");
        Path fresh = dir.resolve("links-points");
        Files.createDirectories(fresh);
        Files.createSymbolicLink(fresh.resolve("points.csv"), log);
        CliRun refused = CliRun.of("sweep", s.toString(), "--out", fresh.toString(), "--quiet");
        assertOneLine(refused);
        assertThat(refused.err()).isEqualTo("arrayflow: error: " + fresh.resolve("points.csv") + " is a symbolic link; "
                + "outputs are not written through links: remove it or choose another --out\n");
        assertThat(log).hasContent("log");

        // the same for a run's report files; no temporary file is left behind
        Path runOut = dir.resolve("run-links");
        Files.createDirectories(runOut);
        Files.createSymbolicLink(runOut.resolve("summary.csv"), victim);
        CliRun r = CliRun.of("run", "--arch", "systolic-32x32", "--workload", tiny.toString(), "--out", runOut.toString(),
                "--no-charts");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(victim).hasContent("precious");
        assertThat(Files.readString(runOut.resolve("summary.csv"))).startsWith("run,");
        try (var files = Files.list(runOut)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void textCellsCannotRunAsSpreadsheetFormulas() throws IOException {
        String arch = Files.readString(Path.of("../arch-configs/systolic-32x32.yaml"))
                .replace("name: systolic-32x32", "name: \"=1+2\"");
        Path a = Files.writeString(dir.resolve("formula-arch.yaml"), arch);
        Path wl = Files.writeString(dir.resolve("formula-wl.yaml"), Files.readString(tiny)
                .replace("name: fc", "name: \"-fc\""));
        Path out = dir.resolve("formula");
        CliRun r = CliRun.of("run", "--arch", a.toString(), "--workload", wl.toString(), "--out", out.toString(), "--no-charts");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"), StandardCharsets.UTF_8);
        assertThat(summary.get(1)).contains(",'=1+2,").doesNotContain(",=1+2,");
        String layers = Files.readString(out.resolve("layers.csv"), StandardCharsets.UTF_8);
        assertThat(layers).contains("\n2,'-fc,").contains("\n1,conv2,");
    }
}
