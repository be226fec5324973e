package org.arrayflow.report;

import org.arrayflow.io.Csv;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.result.NetworkResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code summary.csv}: one row per (architecture, workload) run in the order given; {@code rel_*} columns are
 * ratios to the first run of the same workload. Column names are documented in docs/outputs.md. A run whose
 * inputs have no energy figures leaves its energy cells (and energy ratios) empty.
 */
public final class SummaryCsv {
    private SummaryCsv() {}

    public static final List<String> COLUMNS = List.of("run", "architecture", "kind", "workload", "batch", "pe_count",
            "clock_mhz", "dram_gb_s", "macs", "total_cycles", "compute_cycles", "stall_cycles", "utilization",
            "latency_s", "energy_j", "edp_j_s", "dram_bytes", "energy_pj_per_mac", "gmac_per_s", "rel_latency",
            "rel_energy", "rel_edp", "rel_dram_bytes", "rel_energy_per_mac");

    public static void write(Path file, List<ReportRun> runs) throws IOException {
        OutputFiles.writeString(file, render(runs));
    }

    public static String render(List<ReportRun> runs) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (ReportRun run : runs) {
            NetworkResult r = run.result();
            RunMetrics m = RunMetrics.of(r);
            RunMetrics base = RunMetrics.of(baseline(runs, run).result());
            List<String> row = new ArrayList<>();
            row.add(Csv.field(run.label()));
            row.add(Csv.field(r.arch()));
            row.add(Csv.field(r.archKind()));
            row.add(Csv.field(r.workload()));
            row.add(String.valueOf(r.batch()));
            row.add(String.valueOf(r.peCount()));
            row.add(Fmt.num(r.clockMhz()));
            row.add(Fmt.num(run.arch().dramGBps()));
            row.add(String.valueOf(m.macs()));
            row.add(String.valueOf(m.totalCycles()));
            row.add(String.valueOf(m.computeCycles()));
            row.add(String.valueOf(m.stallCycles()));
            row.add(Fmt.num(m.utilization()));
            row.add(Fmt.num(m.latencyS()));
            row.add(m.energyModelled() ? Fmt.num(m.energyJ()) : "");
            row.add(m.energyModelled() ? Fmt.num(m.edpJs()) : "");
            row.add(String.valueOf(m.dramBytes()));
            row.add(m.energyModelled() ? Fmt.num(m.pjPerMac()) : "");
            row.add(Fmt.num(m.gmacsPerS()));
            for (String metric : CompareCharts.METRICS) {
                Double ratio = CompareCharts.ratio(m, base, metric);
                row.add(ratio == null ? "" : Fmt.num(ratio));
            }
            sb.append(String.join(",", row)).append('\n');
        }
        return sb.toString();
    }

    /** The first run on the same workload: the reference of the rel_ columns. */
    static ReportRun baseline(List<ReportRun> runs, ReportRun run) {
        for (ReportRun r : runs) {
            if (r.result().workload().equals(run.result().workload()) && r.result().batch() == run.result().batch()) {
                return r;
            }
        }
        return run;
    }
}
