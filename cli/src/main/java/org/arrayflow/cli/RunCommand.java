package org.arrayflow.cli;

import org.arrayflow.arch.Architecture;
import org.arrayflow.llm.DecodeSampler;
import org.arrayflow.llm.LlmPhases;
import org.arrayflow.llm.LlmSpec;
import org.arrayflow.pipeline.Inputs;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.pipeline.RunOutput;
import org.arrayflow.pipeline.RunRequest;
import org.arrayflow.pipeline.Workloads;
import org.arrayflow.report.ArchFacts;
import org.arrayflow.report.PhasesReport;
import org.arrayflow.report.ReportRun;
import org.arrayflow.report.ReportWriter;
import org.arrayflow.report.ResultJson;
import org.arrayflow.report.ScaleSimReports;
import org.arrayflow.report.SummaryTable;
import org.arrayflow.report.TraceJson;
import org.arrayflow.report.TransformReport;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.scalesim.ScaleSimConfig;
import org.arrayflow.transform.Transform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;

/** {@code arrayflow run}: simulate a workload on an architecture and write the result folder and report. */
@Command(name = "run", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Simulate a workload on an architecture; print a summary and write a result "
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

    @Option(names = "--batch", description = "Batch size, at least 1 (default: the workload's).")
    Long batch;

    @Option(names = "--trace", description = "Write a Chrome/Perfetto trace of every task to this file.")
    Path trace;

    @Option(names = "--no-charts", description = "Skip the PNG/SVG charts (report.html is still written, without charts).")
    boolean noCharts;

    @Option(names = "--report-format", defaultValue = "native", description = "native (layers.csv, result.json) or "
            + "scalesim (also COMPUTE_REPORT.csv, BANDWIDTH_REPORT.csv, DETAILED_ACCESS_REPORT.csv; needs a .cfg arch).")
    String reportFormat;

    @Option(names = "--workload-format", description = "For a SCALE-Sim topology CSV: conv or gemm "
            + "(default: gemm if the header reads 'name, M, N, K').")
    String workloadFormat;

    @Option(names = "--objective", description = "Mapping search objective of a row-stationary architecture: "
            + "latency, energy or edp (default: the architecture's mapper.objective).")
    String objective;

    @Option(names = "--partition", description = "For an architecture with cores: how layers are split across "
            + "them: auto, output_channels, output_pixels, batch or output_tiles (default: the file's "
            + "cores.partition; see docs/multicore.md).")
    String partition;

    @Option(names = "--stall-model", defaultValue = "physical", description = "SCALE-Sim USER mode: physical "
            + "(each byte moved once at the configured bandwidth; default) or scalesim (emulate SCALE-Sim v2's "
            + "double-buffered memory bookkeeping, for report parity; see docs/scalesim-compat.md).")
    String stallModel;

    @Option(names = "--transform", paramLabel = TransformOptions.LABEL, description = TransformOptions.HELP)
    List<String> transforms;

    @Option(names = "--prompt", description = "For an LLM workload (arrayflow-llm/1): tokens of the prompt, its "
            + "prefill (default: the file's run.prompt).")
    Integer prompt;

    @Option(names = "--generate", description = "For an LLM workload: tokens generated after the prompt, one decode "
            + "step each (default: the file's run.generate).")
    Integer generate;

    @Option(names = "--decode", defaultValue = "sampled", description = "For an LLM workload: sampled (decode steps "
            + "simulated at a few KV lengths, the rest interpolated within 0.1 %%; default) or exact (every step).")
    String decode;

    @Option(names = "--dim", paramLabel = OnnxOptions.DIM_LABEL, description = OnnxOptions.DIM_HELP)
    List<String> dims;

    @Option(names = "--unsupported", description = OnnxOptions.UNSUPPORTED_HELP)
    String unsupported;

    @Option(names = "--json", description = "Print the run's totals as JSON (result.json's \"totals\") on standard "
            + "output instead of the summary table; the result folder is written as always.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        int b = OptionChecks.batch(spec, batch);
        OutputPaths.checkFolder(spec, "--out", out);
        if (trace != null) {
            OutputPaths.checkFile(spec, "--trace", trace, "trace.json");
        }
        PrintWriter w = spec.commandLine().getOut();
        if (!reportFormat.equals("native") && !reportFormat.equals("scalesim")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--report-format must be native or scalesim, not '" + reportFormat + "'");
        }
        boolean scaleSim = ScaleSimConfig.isConfigFile(arch);
        if (reportFormat.equals("scalesim") && !scaleSim) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--report-format scalesim needs a SCALE-Sim configuration (.cfg) as --arch");
        }
        List<Transform> steps = TransformOptions.parse(transforms);
        Map<String, String> runOptions = new LinkedHashMap<>();
        if (objective != null) {
            runOptions.put("objective", objective);
        }
        if (partition != null) {
            runOptions.put(org.arrayflow.arch.RunOptions.PARTITION, partition);
        }
        if (workloadFormat != null) {
            runOptions.put(RunRequest.WORKLOAD_FORMAT, workloadFormat);
        }
        runOptions.put(RunRequest.STALL_MODEL, stallModel);
        if (prompt != null) {
            runOptions.put(RunRequest.PROMPT, String.valueOf(prompt));
        }
        if (generate != null) {
            runOptions.put(RunRequest.GENERATE, String.valueOf(generate));
        }
        if (!decode.equals("sampled") && !decode.equals("exact")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--decode must be sampled or exact, not '" + decode + "'");
        }
        runOptions.putAll(OnnxOptions.requestOptions(workload, dims, unsupported));
        Inputs in = Pipeline.resolve(new RunRequest(arch, workload, b, runOptions, trace != null,
                CliErrors.COMMAND_LINE, steps));
        // an LLM's decode steps do not depend on its prefill: they run beside it
        LlmSpec llm = Workloads.llm(workload, prompt == null ? 0 : prompt, generate == null ? 0 : generate, b);
        FutureTask<DecodeSampler.Sum> decoding = llm == null ? null
                : new FutureTask<>(() -> LlmPhases.decode(in.arch(), llm, decode.equals("exact")));
        if (decoding != null) {
            Thread t = new Thread(decoding, "llm-decode");
            t.setDaemon(true);
            t.start();
        }
        RunOutput run = Pipeline.simulate(in);
        PrintWriter err = spec.commandLine().getErr();
        run.inputs().notes().forEach(err::println);
        err.flush();
        NetworkResult r = run.result();
        Architecture a = run.arch();
        OutputPaths.createFolder(spec, "--out", out);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("batch", r.batch());
        if (objective != null) {
            options.put("objective", objective);
        }
        if (partition != null) {
            options.put("partition", partition);
        }
        if (!steps.isEmpty()) {
            options.put("transforms", TransformOptions.texts(steps));
        }
        options.putAll(OnnxOptions.requestOptions(workload, dims, unsupported));
        if (scaleSim) {
            options.put("scalesim_compat", true);
            options.put("stall_model", run.inputs().stallModel().name().toLowerCase(java.util.Locale.ROOT));
        }
        ResultJson.Inputs inputs = new ResultJson.Inputs(arch, run.inputs().archText(), workload,
                run.inputs().workloadText(), options);
        ReportWriter.write(out, List.of(new ReportRun(ReportRun.label(a.name(), r.workload()), r, ArchFacts.of(a, r),
                inputs)), !noCharts);
        TransformReport.write(out, run.inputs().changes(), a);
        if (scaleSim && reportFormat.equals("scalesim")) {
            ScaleSimReports.writeAll(out, run.scaleSimReports());
        }
        if (trace != null) {
            OutputPaths.createParent(spec, "--trace", trace);
            TraceJson.write(trace, r);
        }
        LlmPhases.Result phases = llm == null ? null : LlmPhases.of(a, llm, r, Pipeline.join(decoding, "simulating the decode steps"));
        if (phases != null) {
            PhasesReport.write(out, phases);
        }
        if (json) {
            w.print(ResultJson.renderTotals(r));
            w.flush();
            return 0;
        }
        w.print(SummaryTable.render(r));
        if (phases != null) {
            w.print(PhasesReport.table(phases));
            w.println("the table above is the prefill's; both phases: " + out.resolve(PhasesReport.FILE));
        }
        if (!run.inputs().changes().isEmpty()) {
            w.print(TransformReport.table(run.inputs().changes(), a));
            w.println("what each transform changed, layer by layer: " + out.resolve(TransformReport.FILE));
        }
        w.println("results written to " + out + " (open " + out.resolve("report.html") + ")");
        return 0;
    }
}
