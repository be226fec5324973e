package org.arrayflow.sweep;

import org.arrayflow.io.Csv;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.io.Units;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The text results of a finished sweep: {@code results.csv} (every point sorted by index, plus one
 * {@code front_<a>_vs_<b>} column of 1/0 per Pareto pair, computed within each workload) and
 * {@code summary.txt} (counts and the best point per metric). Deterministic for a given set of points.
 */
public final class SweepReport {
    public static final String RESULTS = "results.csv";
    public static final String SUMMARY = "summary.txt";

    /** Metrics worth a "best point" line (pe_count and sram_bytes are inputs, not results). */
    private static final List<Metric> BEST = List.of(Metric.LATENCY_CYCLES, Metric.ENERGY_J, Metric.EDP_J_S,
            Metric.DRAM_BYTES, Metric.UTILIZATION, Metric.AREA_MM2);

    private SweepReport() {}

    public static String frontColumn(Metric[] pair) {
        return "front_" + pair[0].column() + "_vs_" + pair[1].column();
    }

    public static String results(SweepTable t, List<Metric[]> pareto) {
        List<Set<String>> fronts = new ArrayList<>();
        List<String> header = new ArrayList<>(t.header());
        for (Metric[] p : pareto) {
            fronts.add(t.front(p[0], p[1]));
            header.add(frontColumn(p));
        }
        StringBuilder sb = new StringBuilder(Csv.line(header)).append('\n');
        for (PointRow r : t.rows()) {
            sb.append(r.line());
            for (Set<String> f : fronts) {
                sb.append(',').append(f.contains(r.id()) ? '1' : '0');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static String summary(SweepTable t, List<Metric[]> pareto) {
        StringBuilder sb = new StringBuilder();
        for (String w : t.workloads()) {
            List<PointRow> ok = t.ok(w);
            long all = t.rows().stream().filter(r -> r.workload().equals(w)).count();
            sb.append(String.format(Locale.ROOT, "workload %s: %d points, %d ran, %d invalid or unmappable%n", w, all,
                    ok.size(), all - ok.size()));
            for (Metric m : BEST) {
                PointRow b = t.best(w, m);
                if (b != null) {
                    sb.append(String.format(Locale.ROOT, "  best %-15s %-16s at %s%n", m.column(),
                            number(b.metric(m)), describe(t, b)));
                }
            }
            for (Metric[] p : pareto) {
                Set<String> front = t.front(p[0], p[1]);
                long n = ok.stream().filter(r -> front.contains(r.id())).count();
                sb.append(String.format(Locale.ROOT, "  Pareto front %s vs %s: %d points%n", p[0].column(),
                        p[1].column(), n));
            }
        }
        return sb.toString();
    }

    static String describe(SweepTable t, PointRow r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.axisKeys().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(t.axisKeys().get(i)).append('=').append(r.values().get(i));
        }
        return sb.append(" [").append(r.id()).append(']').toString();
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return Units.plain(v, 6);
    }

    public static void write(SweepTable t, List<Metric[]> pareto, Path dir) throws IOException {
        OutputFiles.writeString(dir.resolve(RESULTS), results(t, pareto));
        OutputFiles.writeString(dir.resolve(SUMMARY), summary(t, pareto));
    }
}
