package org.arrayflow.cli;

import org.arrayflow.sweep.Metric;
import org.arrayflow.sweep.PointRow;
import org.arrayflow.sweep.PointsCsv;
import org.arrayflow.sweep.SweepTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code arrayflow sweep-merge DIR... --out DIR}: one result (points, fronts, charts) from the shards' folders. */
@Command(name = "sweep-merge", description = "Merge the points.csv of sweep shards into one result with fronts and charts.")
final class SweepMergeCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Sweep output folders (one per shard).")
    List<Path> dirs;

    @Option(names = "--out", required = true, description = "Folder for the merged result.")
    Path out;

    @Option(names = "--title", description = "Chart title (default: the sweep's name).")
    String title;

    @Option(names = "--no-charts", description = "Skip the PNG/SVG charts.")
    boolean noCharts;

    @Option(names = "--pareto", paramLabel = "A,B", description = "Also mark and draw the front of two metrics "
            + "(repeatable), e.g. --pareto edp,area; a single folder can be re-analysed this way without re-running.")
    List<String> extraFronts = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        List<Path> files = new ArrayList<>();
        for (Path d : dirs) {
            files.add(d.resolve(PointsCsv.FILE));
        }
        SweepTable t = SweepTable.read(files);
        Files.createDirectories(out);
        for (Path d : dirs) {
            if (d.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--out must differ from the input folders");
            }
        }
        StringBuilder sb = new StringBuilder(String.join(",", t.header())).append('\n');
        for (PointRow r : t.rows()) {
            sb.append(r.line()).append('\n');
        }
        Files.writeString(out.resolve(PointsCsv.FILE), sb.toString(), StandardCharsets.UTF_8);
        List<Metric[]> pareto = new ArrayList<>(SweepOutputs.readFronts(dirs.get(0)));
        for (String pair : extraFronts) {
            String[] ab = pair.split(",");
            Metric a = ab.length == 2 ? Metric.byName(ab[0].trim()) : null;
            Metric b = ab.length == 2 ? Metric.byName(ab[1].trim()) : null;
            if (a == null || b == null || a == b) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--pareto needs two different metrics "
                        + "A,B among " + Metric.names() + ", found '" + pair + "'");
            }
            if (pareto.stream().noneMatch(p -> p[0] == a && p[1] == b)) {
                pareto.add(new Metric[] {a, b});
            }
        }
        String saved = SweepOutputs.readName(dirs.get(0));
        String name = title != null ? title : saved != null ? saved
                : String.valueOf(out.toAbsolutePath().normalize().getFileName());
        SweepOutputs.writeFronts(out, saved != null ? saved : name, pareto);
        w.println("merged " + t.rows().size() + " points from " + dirs.size() + " folder(s)");
        SweepOutputs.write(t, pareto, out, name, !noCharts, w);
        w.println("results written to " + out);
        return 0;
    }
}
