package org.arrayflow.cli;

import org.arrayflow.config.ConfigException;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.report.Fmt;
import org.arrayflow.report.ReportRun;
import org.arrayflow.report.ReportWriter;
import org.arrayflow.report.RunMetrics;
import org.arrayflow.transform.Transform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code arrayflow compare}: every architecture on every workload, simulated in parallel, then one report.
 * Results are collected in the order given (workload by workload, architectures in command-line order), so
 * the report does not depend on which simulation finished first.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Run every architecture on every workload (in parallel) and write one "
        + "report comparing them side by side: summary.csv, charts, report.html.")
final class CompareCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", required = true, description = "Architecture YAML (path or bundled name); repeat for each "
            + "architecture. The first is the reference of the normalised charts.")
    List<String> archs;

    @Option(names = "--workload", required = true, description = "Workload YAML (path or bundled name); repeatable.")
    List<String> workloads;

    @Option(names = "--out", defaultValue = "out/compare", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--batch", description = "Batch size of every workload, at least 1 (default: each workload's).")
    Long batch;

    @Option(names = "--jobs", description = "Simulations at once, at least 1 (default: number of processors).")
    Integer jobs;

    @Option(names = "--transform", paramLabel = TransformOptions.LABEL, description = TransformOptions.HELP
            + " Applied to every workload.")
    List<String> transforms;

    @Option(names = "--dim", paramLabel = OnnxOptions.DIM_LABEL, description = OnnxOptions.DIM_HELP)
    List<String> dims;

    @Option(names = "--unsupported", description = OnnxOptions.UNSUPPORTED_HELP)
    String unsupported;

    @Option(names = "--no-charts", description = "Skip the PNG/SVG charts (report.html is still written, without charts).")
    boolean noCharts;

    @Override
    public Integer call() throws IOException, InterruptedException {
        int b = OptionChecks.batch(spec, batch);
        int threads = OptionChecks.threads(spec, "--jobs", jobs);
        OutputPaths.checkFolder(spec, "--out", out);
        List<Transform> steps = TransformOptions.parse(transforms);
        PrintWriter w = spec.commandLine().getOut();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<ReportRun> runs = new ArrayList<>();
        try {
            List<Future<ReportRun>> futures = new ArrayList<>();
            for (String wl : workloads) {
                for (String a : archs) {
                    futures.add(pool.submit(() -> Job.run(a, wl, b, steps,
                            OnnxOptions.requestOptions(wl, dims, unsupported))));
                }
            }
            for (Future<ReportRun> f : futures) {
                runs.add(get(f));
            }
        } finally {
            pool.shutdownNow();
        }
        checkDistinct(runs);
        OutputPaths.createFolder(spec, "--out", out);
        ReportWriter.write(out, runs, !noCharts);
        w.println(table(runs));
        w.println("report written to " + out.resolve("report.html"));
        return 0;
    }

    /** The run's result, with input errors rethrown as themselves so they keep exit status 2. */
    private static ReportRun get(Future<ReportRun> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ConfigException ce) {
                throw ce;
            }
            if (c instanceof MappingException me) {
                throw me;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        }
    }

    /** Charts key series by architecture name, so two inputs with the same name would merge. */
    private static void checkDistinct(List<ReportRun> runs) {
        Set<String> seen = new HashSet<>();
        for (ReportRun r : runs) {
            if (!seen.add(r.label())) {
                throw ConfigException.of(r.inputs().archName(), "architecture '" + r.result().arch()
                        + "' is given twice for workload '" + r.result().workload() + "' (names must differ)");
            }
        }
    }

    private static String table(List<ReportRun> runs) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-20s %-14s %-16s %12s %12s %10s %12s%n",
                "architecture", "kind", "workload", "latency ms", "energy uJ", "pJ/MAC", "DRAM MB"));
        for (ReportRun r : runs) {
            RunMetrics m = RunMetrics.of(r.result());
            sb.append(String.format(Locale.ROOT, "%-20s %-14s %-16s %12s %12s %10s %12s%n", r.result().arch(),
                    r.result().archKind(), r.result().workload(), Fmt.fixed(m.latencyS() * 1e3, 3),
                    m.energyModelled() ? Fmt.fixed(m.energyJ() * 1e6, 1) : "n/a",
                    m.energyModelled() ? Fmt.fixed(m.pjPerMac(), 3) : "n/a", Fmt.fixed(m.dramBytes() / 1e6, 2)));
        }
        return sb.toString().stripTrailing();
    }
}
