package org.arrayflow.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pareto fronts, best points and sensitivity on a hand-made table. */
class SweepTableTest {
    private static final String HEADER = String.join(",", PointsCsv.header(List.of("x")));

    /** index, id, workload, x, status, latency, energy, utilisation (other metrics irrelevant here). */
    private static String row(int index, String id, String x, String status, double lat, double energy, double util) {
        if (!status.equals("ok")) {
            return index + "," + id + ",w," + x + "," + status + ",,,,,,,,,,why";
        }
        return String.format(java.util.Locale.ROOT, "%d,%s,w,%s,ok,%.0f,%.1f,%.1f,1,1,%.2f,1,1,1,", index, id, x, lat,
                lat, energy, util);
    }

    private static final String A = "aaaaaaaaaaaaaaaa";
    private static final String B = "bbbbbbbbbbbbbbbb";
    private static final String C = "cccccccccccccccc";
    private static final String D = "dddddddddddddddd";
    private static final String E = "eeeeeeeeeeeeeeee";
    private static final String F = "ffffffffffffffff";

    static SweepTable table(Path dir) throws IOException {
        // Written out of order, as worker threads finish; the table sorts by index.
        Path f = dir.resolve("points.csv");
        Files.write(f, List.of(HEADER,
                row(3, D, "8", "ok", 4, 1, 0.95),
                row(0, A, "1", "ok", 1, 10, 0.5),
                row(1, B, "2", "ok", 2, 5, 0.9),
                row(5, F, "8", "invalid", 0, 0, 0),
                row(2, C, "4", "ok", 3, 6, 0.9),
                row(4, E, "2", "ok", 2, 5, 0.8)));
        return SweepTable.read(List.of(f));
    }

    @Test
    void sortsByIndex(@TempDir Path dir) throws IOException {
        assertThat(table(dir).rows().stream().map(PointRow::index).toList()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void latencyEnergyFront(@TempDir Path dir) throws IOException {
        // (lat, energy): A (1,10), B (2,5), C (3,6), D (4,1), E (2,5). C is dominated by B (2<3, 5<6);
        // E equals B, so neither dominates the other; A is fastest, D the most frugal. F did not run.
        assertThat(table(dir).front(Metric.LATENCY_CYCLES, Metric.ENERGY_J)).containsExactlyInAnyOrder(A, B, D, E);
    }

    @Test
    void frontWithAMetricToMaximise(@TempDir Path dir) throws IOException {
        // (lat, util) with utilisation to maximise: A (1,.5), B (2,.9), C (3,.9), D (4,.95), E (2,.8).
        // C loses to B (slower, same util); E loses to B (same latency, lower util).
        assertThat(table(dir).front(Metric.LATENCY_CYCLES, Metric.UTILIZATION)).containsExactlyInAnyOrder(A, B, D);
    }

    @Test
    void bestAndSensitivity(@TempDir Path dir) throws IOException {
        SweepTable t = table(dir);
        assertThat(t.best("w", Metric.ENERGY_J).id()).isEqualTo(D);
        // B and E tie on latency 2 but A is faster; utilisation is best at D
        assertThat(t.best("w", Metric.LATENCY_CYCLES).id()).isEqualTo(A);
        assertThat(t.best("w", Metric.UTILIZATION).id()).isEqualTo(D);
        // x = 2 has B (energy 5) and E (energy 5): best 5; x = 8 has D (1) and the invalid F; numeric order
        Map<String, Double> s = t.sensitivity("w", 0, Metric.ENERGY_J);
        assertThat(s.keySet()).containsExactly("1", "2", "4", "8");
        assertThat(s.values()).containsExactly(10.0, 5.0, 6.0, 1.0);
    }

    @Test
    void reportMarksFronts(@TempDir Path dir) throws IOException {
        String csv = SweepReport.results(table(dir), List.<Metric[]>of(new Metric[] {Metric.LATENCY_CYCLES,
                Metric.ENERGY_J}));
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).endsWith(",note,front_latency_cycles_vs_energy_j");
        // in index order A B C D E F -> 1 1 0 1 1 0
        assertThat(lines.subList(1, 7).stream().map(l -> l.substring(l.length() - 1)).toList())
                .containsExactly("1", "1", "0", "1", "1", "0");
        String summary = SweepReport.summary(table(dir), List.<Metric[]>of(new Metric[] {Metric.LATENCY_CYCLES,
                Metric.ENERGY_J}));
        assertThat(summary).contains("workload w: 6 points, 5 ran, 1 invalid or unmappable")
                .contains("Pareto front latency_cycles vs energy_j: 4 points");
    }

    @Test
    void tornShardIsRefusedByAMerge(@TempDir Path dir) throws IOException {
        table(dir);
        Path f = dir.resolve("points.csv");
        String text = Files.readString(f);
        Files.writeString(f, text.substring(0, text.length() - 10));
        assertThatThrownBy(() -> SweepTable.read(List.of(f))).hasMessageContaining("points.csv:7")
                .hasMessageContaining("last line is incomplete");
    }

    @Test
    void onlyKeepsTheGivenPoints(@TempDir Path dir) throws IOException {
        assertThat(table(dir).only(java.util.Set.of(A, D)).rows().stream().map(PointRow::id).toList())
                .containsExactly(A, D);
    }

    @Test
    void conflictingDuplicatesAreRefused(@TempDir Path dir) throws IOException {
        table(dir);
        Path other = dir.resolve("other.csv");
        Files.write(other, List.of(HEADER, row(0, A, "1", "ok", 1, 11, 0.5)));
        assertThatThrownBy(() -> SweepTable.read(List.of(dir.resolve("points.csv"), other)))
                .hasMessageContaining("different results");
        Files.write(other, List.of(HEADER, row(0, A, "1", "ok", 1, 10, 0.5)));
        assertThat(SweepTable.read(List.of(dir.resolve("points.csv"), other)).rows()).hasSize(6);
    }
}
