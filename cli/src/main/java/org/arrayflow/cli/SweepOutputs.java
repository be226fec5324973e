package org.arrayflow.cli;

import org.arrayflow.io.OutputFiles;
import org.arrayflow.report.SweepCharts;
import org.arrayflow.sweep.Metric;
import org.arrayflow.sweep.SweepReport;
import org.arrayflow.sweep.SweepTable;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a sweep or a merge: results.csv, summary.txt and charts from the finished points, and the
 * sweep's name and its Pareto pairs ({@code fronts.txt}) so that a later merge of shards draws the same fronts.
 */
final class SweepOutputs {
    static final String FRONTS = "fronts.txt";

    private SweepOutputs() {}

    static void write(SweepTable t, List<Metric[]> pareto, Path dir, String title, boolean charts, PrintWriter out)
            throws IOException {
        SweepReport.write(t, pareto, dir);
        if (charts) {
            SweepCharts.writeAll(t, pareto, dir, title);
        }
        out.print(SweepReport.summary(t, pareto));
    }

    static void writeFronts(Path dir, String name, List<Metric[]> pareto) throws IOException {
        StringBuilder sb = new StringBuilder("name ").append(name).append('\n');
        for (Metric[] p : pareto) {
            sb.append(p[0].column()).append(' ').append(p[1].column()).append('\n');
        }
        OutputFiles.writeString(dir.resolve(FRONTS), sb.toString());
    }

    /** The sweep's name saved beside its fronts, or null. */
    static String readName(Path dir) throws IOException {
        Path f = dir.resolve(FRONTS);
        if (Files.isRegularFile(f)) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.startsWith("name ")) {
                    return line.substring(5).trim();
                }
            }
        }
        return null;
    }

    /** Pareto pairs saved by a sweep, or latency vs energy alone. */
    static List<Metric[]> readFronts(Path dir) throws IOException {
        List<Metric[]> out = new ArrayList<>();
        Path f = dir.resolve(FRONTS);
        if (Files.isRegularFile(f)) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String[] p = line.trim().split("\\s+");
                if (p.length == 2 && !p[0].equals("name") && Metric.byName(p[0]) != null && Metric.byName(p[1]) != null) {
                    out.add(new Metric[] {Metric.byName(p[0]), Metric.byName(p[1])});
                }
            }
        }
        if (out.isEmpty()) {
            out.add(new Metric[] {Metric.LATENCY_CYCLES, Metric.ENERGY_J});
        }
        return out;
    }
}
