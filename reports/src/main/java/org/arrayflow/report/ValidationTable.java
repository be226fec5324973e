package org.arrayflow.report;

import org.arrayflow.io.Csv;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.validation.CaseRunner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The validation table: one line per expected figure, for the terminal and as CSV. */
public final class ValidationTable {
    private ValidationTable() {}

    public static String render(List<CaseRunner.Row> rows) {
        int wc = 4;
        int wl = 5;
        int wm = 6;
        for (CaseRunner.Row r : rows) {
            wc = Math.max(wc, r.caseName().length());
            wl = Math.max(wl, r.layer().length());
            wm = Math.max(wm, r.metric().length());
        }
        String fmt = "%-" + wc + "s  %-" + wl + "s  %-" + wm + "s  %16s  %16s  %9s  %7s  %s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, fmt, "case", "layer", "metric", "expected", "simulated", "error %", "tol %",
                "result"));
        for (CaseRunner.Row r : rows) {
            sb.append(String.format(Locale.ROOT, fmt, r.caseName(), r.layer(), r.metric(), num(r.expected()),
                    num(r.simulated()), String.format(Locale.ROOT, "%+.3f", r.errorPct()),
                    String.format(Locale.ROOT, "%.3g", r.tolerancePct()), r.result()));
        }
        return sb.toString();
    }

    public static void writeCsv(Path file, List<CaseRunner.Row> rows) throws IOException {
        StringBuilder sb = new StringBuilder("case,layer,metric,expected,simulated,error_pct,tolerance_pct,pass,result,source\n");
        for (CaseRunner.Row r : rows) {
            sb.append(Csv.field(r.caseName())).append(',').append(Csv.field(r.layer())).append(',').append(r.metric())
                    .append(',').append(PyFloat.repr(r.expected())).append(',').append(PyFloat.repr(r.simulated()))
                    .append(',').append(String.format(Locale.ROOT, "%.6f", r.errorPct())).append(',')
                    .append(PyFloat.repr(r.tolerancePct())).append(',').append(r.pass()).append(',').append(r.result()).append(',')
                    .append(Csv.field(r.source())).append('\n');
        }
        OutputFiles.writeString(file, sb.toString());
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
