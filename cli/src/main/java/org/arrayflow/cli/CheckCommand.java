package org.arrayflow.cli;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.Bundled;
import org.arrayflow.config.ConfigException;
import org.arrayflow.config.YamlDocument;
import org.arrayflow.pipeline.Workloads;
import org.arrayflow.scalesim.Topology;
import org.arrayflow.sweep.Sweep;
import org.arrayflow.sweep.SweepLoader;
import org.arrayflow.workload.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code arrayflow check FILE}: validates an architecture or workload YAML without running it. */
@Command(name = "check", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Validate an architecture, workload or sweep YAML (path or bundled name) without running it.")
final class CheckCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Architecture or workload YAML: a path or a bundled name.")
    String file;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        String kind = detect(file);
        if ("sweep".equals(kind)) {
            Sweep sw = SweepLoader.load(file);
            out.println(file + ": ok: sweep '" + sw.name() + "', " + sw.points().size() + " points over "
                    + sw.axes().size() + " axes and " + sw.networks().size() + " workload(s)"
                    + (sw.dropped() > 0 ? ", " + sw.dropped() + " dropped by constraints" : ""));
        } else if ("arch".equals(kind)) {
            Architecture a = ArchLoader.load(file);
            out.println(file + ": ok: " + a.kind() + " architecture '" + a.name() + "', " + a.peCount() + " PEs");
        } else {
            Network n = Workloads.load(file, 0, null);
            out.println(file + ": ok: workload '" + n.name() + "', " + n.layers().size() + " layers, " + n.macs()
                    + " MACs at batch " + n.batch());
        }
    }

    /** Architecture or workload, by its format line (by bundled folder for bundled names). */
    static String detect(String nameOrPath) {
        if (Topology.isTopologyFile(nameOrPath)) {
            return "workload";
        }
        if (!Files.isRegularFile(Path.of(nameOrPath))) {
            if (Bundled.list(Bundled.ARCH).contains(strip(nameOrPath))) {
                return "arch";
            }
            if (Bundled.list(Bundled.WORKLOAD).contains(strip(nameOrPath))) {
                return "workload";
            }
            if (Bundled.list(SweepLoader.SWEEPS).contains(strip(nameOrPath))) {
                return "sweep";
            }
            throw ConfigException.of(nameOrPath, "no such file, and no bundled architecture or workload of that name");
        }
        Bundled.Source src = Bundled.resolve(Bundled.ARCH, nameOrPath);
        YamlDocument doc = YamlDocument.parse(src.displayName(), src.text());
        String format = doc.root().path("format").asText("");
        if (format.startsWith("arrayflow-arch/")) {
            return "arch";
        }
        if (format.startsWith("arrayflow-workload/")) {
            return "workload";
        }
        if (format.startsWith("arrayflow-sweep/")) {
            return "sweep";
        }
        throw doc.error("format", "expected 'format: arrayflow-arch/1', 'arrayflow-workload/1' or 'arrayflow-sweep/1'");
    }

    private static String strip(String s) {
        return s.endsWith(".yaml") ? s.substring(0, s.length() - 5) : s;
    }
}
