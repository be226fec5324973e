package org.arrayflow.cli;

import org.arrayflow.arch.Architecture;
import org.arrayflow.io.Csv;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.pipeline.RunOutput;
import org.arrayflow.pipeline.RunRequest;
import org.arrayflow.report.Fmt;
import org.arrayflow.report.RooflineChart;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.validation.Metrics;
import org.arrayflow.validation.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code arrayflow roofline}: simulates each workload on one architecture and draws the weight roofline of the
 * TPU paper (x: MACs per weight byte, y: TOPS at 2 ops per MAC) with every workload's simulated point, as
 * {@code weight_roofline.png/.svg/.csv}. Not the DRAM roofline of {@code run}'s report (x: MACs per DRAM
 * byte, y: GMAC/s, one point per layer), hence its own name (docs/outputs.md, "Charts").
 */
@Command(name = "roofline", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Simulate workloads and draw the architecture's weight roofline (as in the TPU paper: "
                + "MACs per weight byte against TOPS) with their points: weight_roofline.png, .svg, .csv.")
final class RooflineCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", required = true, description = "Architecture YAML: a path or a bundled name.")
    String arch;

    @Option(names = "--workload", required = true, arity = "1..*", description = "One or more workloads (path or bundled name).")
    List<String> workloads;

    @Option(names = "--out", defaultValue = "out/roofline", description = "Folder for weight_roofline.png/.svg/.csv (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        OutputPaths.checkFolder(spec, "--out", out);
        PrintWriter w = spec.commandLine().getOut();
        Architecture a = null;
        List<RooflineChart.Point> points = new ArrayList<>();
        StringBuilder csv = new StringBuilder("workload,macs,weight_bytes,macs_per_weight_byte,bound_tops,simulated_tops,"
                + "pct_of_bound,total_cycles\n");
        for (String wl : workloads) {
            RunOutput run = Pipeline.run(RunRequest.of(arch, wl, 0));
            if (a == null) {
                a = run.arch();
                w.printf(Locale.ROOT, "%-14s %14s %12s %10s %10s %9s%n", "workload", "MACs/weight B", "bound TOPS",
                        "sim TOPS", "% bound", "cycles");
            }
            NetworkResult r = run.result();
            String name = run.inputs().network().name();
            Outcome o = new Outcome(a, r, List.of(), a.peCount(), a.sustainedDramBytesPerCycle(), a.precision());
            long weights = r.layers().stream().mapToLong(LayerResult::weights).sum();
            double x = Metrics.intensity(r.macs(), weights, o);
            double bound = Metrics.bound(x, o, a.clockMhz());
            double tops = Metrics.tops(r.macs(), r.totalCycles(), a.clockMhz());
            points.add(new RooflineChart.Point(name, x, tops, bound));
            w.printf(Locale.ROOT, "%-14s %14.1f %12.2f %10.2f %9.1f%% %,9d%n", name, x, bound, tops,
                    100 * tops / bound, r.totalCycles());
            csv.append(String.join(",", Csv.field(name), String.valueOf(r.macs()),
                    String.valueOf(a.precision().bytes(Tensor.WEIGHT, weights)), Fmt.num(x), Fmt.num(bound),
                    Fmt.num(tops), Fmt.num(100 * tops / bound), String.valueOf(r.totalCycles()))).append('\n');
        }
        double peakTops = 2.0 * a.peCount() * a.clockMhz() * 1e6 / 1e12;
        OutputPaths.createFolder(spec, "--out", out);
        OutputFiles.writeString(out.resolve(RooflineChart.NAME + ".csv"), csv.toString());
        RooflineChart.write(out, RooflineChart.NAME, RooflineChart.chart(a.name(), peakTops,
                a.sustainedDramGBps(), points));
        w.println("weight roofline written to " + out.resolve(RooflineChart.NAME + ".png") + " and .svg, table in .csv");
        return 0;
    }
}
