package org.arrayflow.cli;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.Bundled;
import org.arrayflow.report.LayerCharts;
import org.arrayflow.report.LayersCsv;
import org.arrayflow.report.ResultJson;
import org.arrayflow.report.SummaryTable;
import org.arrayflow.report.TraceJson;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code arrayflow run}: simulate a workload on an architecture and write the result folder. */
@Command(name = "run", description = "Simulate a workload on an architecture; print a summary and write a result folder.")
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

    @Option(names = "--no-charts", description = "Skip the PNG/SVG charts.")
    boolean noCharts;

    @Option(names = "--objective", description = "Mapping search objective of a row-stationary architecture: "
            + "energy or edp (default: the architecture's mapper.objective).")
    String objective;

    @Override
    public Integer call() throws IOException {
        if (batch < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--batch must be positive");
        }
        PrintWriter w = spec.commandLine().getOut();
        Architecture a = ArchLoader.load(arch);
        if (objective != null) {
            if (!(a instanceof org.arrayflow.arch.RowStationaryArch rs)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--objective applies to row-stationary architectures only");
            }
            if (!objective.equals("energy") && !objective.equals("edp")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--objective must be energy or edp");
            }
            a = rs.withObjective(org.arrayflow.arch.RowStationaryArch.Objective.valueOf(
                    objective.toUpperCase(java.util.Locale.ROOT)));
        }
        Network n = WorkloadLoader.load(workload, batch);
        NetworkResult r = Simulator.run(a, n, new SimOptions(trace != null, false));
        Files.createDirectories(out);
        Map<String, String> options = new LinkedHashMap<>();
        options.put("batch", String.valueOf(n.batch()));
        if (objective != null) {
            options.put("objective", objective);
        }
        ResultJson.Inputs inputs = new ResultJson.Inputs(arch, Bundled.resolve(Bundled.ARCH, arch).text(), workload,
                Bundled.resolve(Bundled.WORKLOAD, workload).text(), options);
        LayersCsv.write(out.resolve("layers.csv"), r);
        ResultJson.write(out.resolve("result.json"), r, inputs);
        if (!noCharts) {
            LayerCharts.writeAll(r, out);
        }
        if (trace != null) {
            TraceJson.write(trace, r);
        }
        w.print(SummaryTable.render(r));
        w.println("results written to " + out);
        return 0;
    }
}
