package org.arrayflow.cli;

import org.arrayflow.config.ConfigException;
import org.arrayflow.io.Csv;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.io.OutputLock;
import org.arrayflow.sweep.Metric;
import org.arrayflow.sweep.PointRow;
import org.arrayflow.sweep.PointsCsv;
import org.arrayflow.sweep.ShardCheck;
import org.arrayflow.sweep.ShardRecord;
import org.arrayflow.sweep.SweepTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code arrayflow sweep-merge DIR... --out DIR}: one result (points, fronts, charts) from the shards' folders. */
@Command(name = "sweep-merge", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Merge the points.csv of sweep shards into one result with fronts and charts.")
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

    @Option(names = "--partial", description = "Merge even when shards are missing or unfinished (and say which); "
            + "folders of different sweeps are never merged.")
    boolean partial;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        for (Path d : dirs) {
            if (d.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--out must differ from the input folders");
            }
        }
        OutputPaths.checkFolder(spec, "--out", out);
        List<Path> files = new ArrayList<>();
        List<Integer> finished = new ArrayList<>();
        for (Path d : dirs) {
            files.add(d.resolve(PointsCsv.FILE));
            finished.add(SweepTable.read(List.of(d.resolve(PointsCsv.FILE))).rows().size());
        }
        ShardCheck check = ShardCheck.of(dirs, finished);
        if (!check.mismatched().isEmpty()) {
            throw ConfigException.of("sweep-merge", String.join("; ", check.mismatched()) + ": not merged");
        }
        if (!check.missing().isEmpty() && !partial) {
            throw ConfigException.of("sweep-merge", String.join("; ", check.missing())
                    + " (add --partial to merge what is there)");
        }
        for (String m : check.missing()) {
            w.println("partial merge: " + m);
        }
        OutputPaths.createFolder(spec, "--out", out);
        try (OutputLock lock = OutputLock.acquire(out, "sweep-merge")) {
            // a whole merge is itself a whole sweep folder (shard 1/1), so it can be merged or checked again
            ShardRecord whole = check.missing().isEmpty() ? ShardRecord.read(dirs.get(0)) : null;
            merge(w, SweepTable.read(files), whole);
        }
        return 0;
    }

    private void merge(PrintWriter w, SweepTable t, ShardRecord whole) throws IOException {
        StringBuilder sb = new StringBuilder(Csv.line(t.header())).append('\n');
        for (PointRow r : t.rows()) {
            sb.append(r.line()).append('\n');
        }
        OutputFiles.writeString(out.resolve(PointsCsv.FILE), sb.toString());
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
        if (whole != null) {
            new ShardRecord(whole.sweep(), whole.identity(), 1, 1, t.rows().size()).write(out);
        }
        w.println("results written to " + out);
    }
}
