package org.arrayflow.cli;

import org.arrayflow.report.ReportRun;
import org.arrayflow.report.ReportWriter;
import org.arrayflow.report.SummaryTable;
import org.arrayflow.report.TraceJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code arrayflow run}: simulate a workload on an architecture and write the result folder and report. */
@Command(name = "run", description = "Simulate a workload on an architecture; print a summary and write a result "
        + "folder with CSV, JSON, charts and report.html.")
final class RunCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", required = true, description = "Architecture YAML: a path or a bundled name (see 'list').")
    String arch;

    @Option(names = "--workload", required = true, description = "Workload YAML: a path or a bundled name.")
    String workload;

    @Option(names = "--out", defaultValue = "out", description = "Result folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--batch", defaultValue = "0", description = "Override the workload's batch size.")
    int batch;

    @Option(names = "--trace", description = "Write a Chrome/Perfetto trace of every task to this file.")
    Path trace;

    @Option(names = "--no-charts", description = "Skip the PNG/SVG charts (report.html is still written, without charts).")
    boolean noCharts;

    @Override
    public Integer call() throws IOException {
        if (batch < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--batch must be positive");
        }
        PrintWriter w = spec.commandLine().getOut();
        ReportRun run = Job.run(arch, workload, batch, trace != null);
        ReportWriter.write(out, List.of(run), !noCharts);
        if (trace != null) {
            TraceJson.write(trace, run.result());
        }
        w.print(SummaryTable.render(run.result()));
        w.println("results written to " + out + " (open " + out.resolve("report.html") + ")");
        return 0;
    }
}
