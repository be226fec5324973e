package org.arrayflow.cli;

import org.arrayflow.config.Bundled;
import org.arrayflow.sweep.SweepLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code arrayflow list}: the bundled architectures, workloads and sweeps, each with its one line (the
 * file's {@code description:}, else the first line of its leading comment), names and lines in columns.
 */
@Command(name = "list", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "List the bundled architectures, workloads and sweeps, each with its description.")
final class ListCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> folders = List.of(Bundled.ARCH, Bundled.WORKLOAD, SweepLoader.SWEEPS);
        List<String> titles = List.of("architectures:", "workloads:", "sweeps:");
        List<List<String>> names = folders.stream().map(Bundled::list).toList();
        int width = names.stream().flatMap(List::stream).mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < folders.size(); i++) {
            out.println(titles.get(i));
            for (String n : names.get(i)) {
                String d = Bundled.description(folders.get(i), n);
                out.println(d.isEmpty() ? "  " + n : "  " + n + " ".repeat(width - n.length() + 2) + d);
            }
        }
    }
}
