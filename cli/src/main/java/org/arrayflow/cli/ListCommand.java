package org.arrayflow.cli;

import org.arrayflow.config.Bundled;
import org.arrayflow.sweep.SweepLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code arrayflow list}: the bundled architectures and workloads. */
@Command(name = "list", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "List the bundled architectures, workloads and sweeps.")
final class ListCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("architectures:");
        for (String n : Bundled.list(Bundled.ARCH)) {
            out.println("  " + n);
        }
        out.println("workloads:");
        for (String n : Bundled.list(Bundled.WORKLOAD)) {
            out.println("  " + n);
        }
        out.println("sweeps:");
        for (String n : Bundled.list(SweepLoader.SWEEPS)) {
            out.println("  " + n);
        }
    }
}
