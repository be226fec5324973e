package org.arrayflow.cli;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.Bundled;
import org.arrayflow.config.ConfigException;
import org.arrayflow.config.YamlDocument;
import org.arrayflow.onnx.OnnxImport;
import org.arrayflow.pipeline.Workloads;
import org.arrayflow.scalesim.ScaleSimConfig;
import org.arrayflow.scalesim.Topology;
import org.arrayflow.sweep.Sweep;
import org.arrayflow.sweep.SweepLoader;
import org.arrayflow.transform.Changes;
import org.arrayflow.transform.Transform;
import org.arrayflow.workload.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;

/**
 * {@code arrayflow check FILE...}: reads and checks architectures, workloads and sweeps without running
 * them, in every format {@code run} takes (YAML, SCALE-Sim {@code .cfg} and topology {@code .csv}); one
 * line per file, ok or what is wrong; exit 2 if any file is bad.
 */
@Command(name = "check", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Check architectures, workloads and sweeps without running them: YAML (path or bundled name), "
                + "SCALE-Sim configurations (.cfg) and topologies (.csv).")
final class CheckCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Architecture, workload or sweep: a path or a "
            + "bundled name; SCALE-Sim .cfg and .csv files as 'run' reads them.")
    List<String> files;

    @Option(names = "--transform", paramLabel = TransformOptions.LABEL, description = TransformOptions.HELP
            + " Applied to each workload checked and to a sweep's workloads, as run and sweep would.")
    List<String> transforms;

    @Option(names = "--dim", paramLabel = OnnxOptions.DIM_LABEL, description = OnnxOptions.DIM_HELP)
    List<String> dims;

    @Option(names = "--unsupported", description = OnnxOptions.UNSUPPORTED_HELP)
    String unsupported;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Transform> steps = TransformOptions.parse(transforms);
        onnx = OnnxOptions.parse(dims, unsupported);
        int bad = 0;
        for (String file : files) {
            try {
                out.println(file + ": ok: " + check(file, steps));
            } catch (ConfigException e) {
                // each bad file is its own `file:line:col: key.path: problem` line; the others are still checked
                out.flush();
                err.println(e.getMessage());
                bad++;
            }
        }
        return bad == 0 ? 0 : Main.BAD_INPUT;
    }

    private OnnxImport.Options onnx = OnnxImport.Options.DEFAULT;

    /** What the file is, read and checked as {@code run} or {@code sweep} would read it. */
    private String check(String file, List<Transform> steps) {
        if (Workloads.isOnnx(file)) {
            Workloads.Loaded l = Workloads.read(file, 0, null, steps, onnx, 0);
            Network n = l.changes().after();
            String first = l.notes().get(0);
            return "ONNX model, workload '" + n.name() + "', " + layers(n.layers().size()) + ", " + n.macs()
                    + " MACs, " + n.weights() + " weights at batch " + n.batch() + " (" + first.substring(
                    first.indexOf(": ") + 2) + ")" + (l.notes().size() > 1 ? "; " + (l.notes().size() - 1)
                    + " warning(s): " + String.join("; ", l.notes().subList(1, l.notes().size())) : "")
                    + transformed(l.changes());
        }
        if (ScaleSimConfig.isConfigFile(file)) {
            ScaleSimConfig c = ScaleSimConfig.load(file);
            Architecture a = c.toArch();
            return "SCALE-Sim configuration '" + c.runName() + "', " + a.kind() + " architecture, " + c.rows() + "x"
                    + c.cols() + " array, " + a.peCount() + " PEs, " + c.dataflow().yamlName() + ", " + (c.userBandwidth() ? "USER" : "CALC") + " bandwidth";
        }
        String kind = detect(file);
        if ("sweep".equals(kind)) {
            Sweep sw = SweepLoader.load(file, steps);
            return "sweep '" + sw.name() + "', " + sw.points().size() + " points over " + sw.axes().size() + " axes and "
                    + sw.networks().size() + " workload(s)"
                    + (sw.dropped() > 0 ? ", " + sw.dropped() + " dropped by constraints" : "");
        }
        if ("arch".equals(kind)) {
            Architecture a = ArchLoader.load(file);
            return a.kind() + " architecture '" + a.name() + "', " + a.peCount() + " PEs";
        }
        org.arrayflow.llm.LlmSpec llm = Workloads.llm(file, 0, 0, 0);
        if (llm != null && steps.isEmpty()) {
            org.arrayflow.llm.LlmConfig m = llm.model();
            Network pre = org.arrayflow.llm.LlmNetworks.prefill(llm, file);
            return "LLM '" + m.name() + "', " + m.parameters() + " parameters, " + m.layers() + " layers; prefill of "
                    + llm.prompt() + " tokens at batch " + llm.batch() + ": " + layers(pre.layers().size()) + ", "
                    + pre.macs() + " MACs; then " + llm.generate() + " decode steps";
        }
        Changes c = Workloads.transformed(file, 0, null, steps);
        Network n = c.after();
        return (Topology.isTopologyFile(file) ? "SCALE-Sim topology, " : "") + "workload '" + n.name() + "', "
                + layers(n.layers().size()) + ", " + n.macs() + " MACs at batch " + n.batch() + transformed(c);
    }

    private static String layers(int n) {
        return n + (n == 1 ? " layer" : " layers");
    }

    /** What the transforms changed, in a few words, or nothing when there were none. */
    private static String transformed(Changes c) {
        if (c.isEmpty()) {
            return "";
        }
        Network b = c.before();
        Network a = c.after();
        long nz = a.layers().stream().mapToLong(org.arrayflow.workload.Layer::nonzeroWeights).sum();
        return ", after " + c.steps().size() + " transform step" + (c.steps().size() == 1 ? "" : "s") + " (from "
                + layers(b.layers().size()) + ", " + b.macs() + " MACs, " + b.weights() + " weights; now " + a.weights()
                + " weights, " + nz + " non-zero)";
    }

    /** Architecture or workload, by its format line (by bundled folder for bundled names). */
    static String detect(String nameOrPath) {
        if (Topology.isTopologyFile(nameOrPath)) {
            return "workload";
        }
        if (!Files.isRegularFile(Bundled.asPath(nameOrPath))) {
            if (Bundled.list(Bundled.ARCH).contains(strip(nameOrPath))) {
                return "arch";
            }
            if (Bundled.list(Bundled.WORKLOAD).contains(strip(nameOrPath))) {
                return "workload";
            }
            if (Bundled.list(SweepLoader.SWEEPS).contains(strip(nameOrPath))) {
                return "sweep";
            }
            if (Files.isDirectory(Bundled.asPath(nameOrPath))) {
                throw ConfigException.of(nameOrPath, "is a folder, not a file to check");
            }
            throw ConfigException.of(nameOrPath, "no such file, and no bundled architecture, workload or sweep of that name");
        }
        Bundled.Source src = Bundled.resolve(Bundled.ARCH, nameOrPath);
        YamlDocument doc = YamlDocument.parse(src.displayName(), src.text());
        String format = doc.root().path("format").asText("");
        if (format.startsWith("arrayflow-arch/")) {
            return "arch";
        }
        if (format.startsWith("arrayflow-workload/") || format.startsWith("arrayflow-llm/")) {
            return "workload";
        }
        if (format.startsWith("arrayflow-sweep/")) {
            return "sweep";
        }
        throw doc.error("format", "expected 'format: arrayflow-arch/1', 'arrayflow-workload/1', 'arrayflow-llm/1' or "
                + "'arrayflow-sweep/1'");
    }

    private static String strip(String s) {
        return s.endsWith(".yaml") ? s.substring(0, s.length() - 5) : s;
    }
}
