package org.arrayflow.sweep;

import org.arrayflow.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepRunnerTest {
    private static final SweepRunner.Listener SILENT = new SweepRunner.Listener() {
        @Override
        public void start(int toRun, int alreadyDone) {}

        @Override
        public void finished(DesignPoint p, String line) {}
    };

    static Sweep sweep() throws IOException {
        return SweepLoader.load(SweepLoaderTest.DIR.resolve("grid.yaml"));
    }

    static List<String> dataLines(Path f) throws IOException {
        List<String> l = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
        return l.subList(1, l.size());
    }

    @Test
    void runsEveryPointOnceAndResumesWithoutRerunning(@TempDir Path dir) throws IOException {
        Sweep s = sweep();
        SweepRunner.Outcome first = SweepRunner.run(s, dir, 1, 1, 2, SILENT);
        assertThat(first.ran()).isEqualTo(12);
        List<String> lines = dataLines(dir.resolve(PointsCsv.FILE));
        assertThat(lines).hasSize(12);
        Set<String> ids = new HashSet<>();
        for (String l : lines) {
            ids.add(l.split(",")[1]);
            assertThat(l).contains(",ok,");
        }
        assertThat(ids).hasSize(12);
        SweepRunner.Outcome again = SweepRunner.run(s, dir, 1, 1, 2, SILENT);
        assertThat(again.ran()).isZero();
        assertThat(again.skipped()).isEqualTo(12);
        assertThat(dataLines(dir.resolve(PointsCsv.FILE))).isEqualTo(lines);
    }

    @Test
    void tornLastLineIsRedone(@TempDir Path dir) throws IOException {
        Sweep s = sweep();
        SweepRunner.run(s, dir, 1, 1, 1, SILENT);
        Path f = dir.resolve(PointsCsv.FILE);
        String full = SweepReport.results(SweepTable.read(List.of(f)), s.pareto());
        // Simulate a crash part-way through writing the 12th line: drop the last line's second half.
        String text = Files.readString(f);
        int lastStart = text.lastIndexOf('\n', text.length() - 2) + 1;
        String torn = text.substring(0, lastStart + (text.length() - lastStart) / 2);
        Files.writeString(f, torn);
        SweepRunner.Outcome o = SweepRunner.run(s, dir, 1, 1, 1, SILENT);
        assertThat(o.repaired()).isTrue();
        assertThat(o.ran()).isEqualTo(1);
        assertThat(dataLines(f)).hasSize(12);
        assertThat(SweepReport.results(SweepTable.read(List.of(f)), s.pareto())).isEqualTo(full);
    }

    @Test
    void completeButMalformedLastLineIsRedoneAndMiddleCorruptionRefused(@TempDir Path dir) throws IOException {
        Sweep s = sweep();
        SweepRunner.run(s, dir, 1, 1, 1, SILENT);
        Path f = dir.resolve(PointsCsv.FILE);
        List<String> lines = Files.readAllLines(f);
        List<String> bad = new ArrayList<>(lines.subList(0, lines.size() - 1));
        bad.add("7,zz");
        Files.write(f, bad);
        assertThat(SweepRunner.run(s, dir, 1, 1, 1, SILENT).ran()).isEqualTo(1);
        List<String> middle = new ArrayList<>(Files.readAllLines(f));
        middle.set(3, "garbage");
        Files.write(f, middle);
        assertThatThrownBy(() -> SweepRunner.run(s, dir, 1, 1, 1, SILENT)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("points.csv:4").hasMessageContaining("malformed line");
    }

    @Test
    void refusesAFolderOfAnotherSweep(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(PointsCsv.FILE), "index,id,workload,other,status\n");
        assertThatThrownBy(() -> SweepRunner.run(sweep(), dir, 1, 1, 1, SILENT))
                .hasMessageContaining("different sweep");
    }

    @Test
    void shardsMergeToTheUnshardedResult(@TempDir Path dir) throws IOException {
        Sweep s = sweep();
        SweepRunner.run(s, dir.resolve("all"), 1, 1, 2, SILENT);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path d = dir.resolve("shard" + i);
            SweepRunner.Outcome o = SweepRunner.run(s, d, i, 3, 2, SILENT);
            assertThat(o.selected()).isEqualTo(4);
            files.add(d.resolve(PointsCsv.FILE));
        }
        String merged = SweepReport.results(SweepTable.read(files), s.pareto());
        String whole = SweepReport.results(SweepTable.read(List.of(dir.resolve("all").resolve(PointsCsv.FILE))),
                s.pareto());
        assertThat(merged).isEqualTo(whole);
        assertThat(whole.lines().count()).isEqualTo(13);
    }

    @Test
    void recordsCombinationsTheArchitectureRejects(@TempDir Path dir) throws IOException {
        String t = SweepLoaderTest.text("grid.yaml").replace("dataflow: [weight-stationary, output-stationary]",
                "word_bits: [8, 64]");
        // word_bits 64 alone is already invalid (32-bit accumulators are narrower): the loader reports it
        assertThatThrownBy(() -> SweepLoader.parse("s.yaml", t, SweepLoaderTest.DIR))
                .hasMessageContaining("word_bits = 64").hasMessageContaining("narrower than words");
        // a combination that only fails together: 12-bit accumulators and 16-bit words are each fine alone
        // (with the base's 8-bit words and 32-bit accumulators); the point is run and recorded as invalid
        String both = SweepLoaderTest.text("grid.yaml").replace("dataflow: [weight-stationary, output-stationary]",
                "pe_array.accumulator_bits: [12]\n  word_bits: [8, 16]").replace("rows * cols <= 64", "rows == 4 && cols == 4");
        Sweep s = SweepLoader.parse("s.yaml", both, SweepLoaderTest.DIR);
        SweepRunner.run(s, dir, 1, 1, 1, SILENT);
        List<PointRow> rows = SweepTable.read(List.of(dir.resolve(PointsCsv.FILE))).rows();
        // (4,4) x acc 12 x word_bits {8, 16}: 12-bit accumulators hold 8-bit words, not 16-bit ones
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).status()).isEqualTo("ok");
        assertThat(rows.get(1).status()).isEqualTo("invalid");
        assertThat(rows.get(1).note()).contains("narrower than words");
    }
}
