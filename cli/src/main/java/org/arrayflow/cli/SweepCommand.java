package org.arrayflow.cli;

import org.arrayflow.config.ConfigException;
import org.arrayflow.io.OutputLock;
import org.arrayflow.sweep.PointsCsv;
import org.arrayflow.sweep.ShardRecord;
import org.arrayflow.sweep.Sweep;
import org.arrayflow.sweep.SweepLoader;
import org.arrayflow.sweep.SweepRunner;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code arrayflow sweep FILE --out DIR}: run every design point of a sweep file on all cores, appending
 * each to DIR/points.csv as it finishes; run again to resume. Then the Pareto fronts, best points and charts.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Run a design-space sweep (see docs/sweeps.md); resumable, shardable.")
final class SweepCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Sweep YAML (format arrayflow-sweep/1): a path or a bundled name.")
    String file;

    @Option(names = "--out", required = true, description = "Output folder; an existing points.csv there is resumed.")
    Path out;

    @Option(names = "--shard", description = "Run shard i of N (i/N, 1-based): every N-th point, for job arrays.")
    String shard;

    @Option(names = "--threads", description = "Worker threads, at least 1 (default: all cores).")
    Integer threads;

    @Option(names = "--transform", paramLabel = TransformOptions.LABEL, description = TransformOptions.HELP
            + " Applied to every workload of the sweep, which is then named with it (so resume tells them apart).")
    List<String> transforms;

    @Option(names = "--no-charts", description = "Skip the PNG/SVG charts.")
    boolean noCharts;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--no-reuse", description = "Simulate every point, even those that differ from another only in "
            + "energy figures (by default they share one simulation, re-priced: same results, less time).")
    boolean noReuse;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int[] sh = parseShard();
        int n = OptionChecks.threads(spec, "--threads", threads);
        OutputPaths.checkFolder(spec, "--out", out);
        Sweep sweep = SweepLoader.load(file, TransformOptions.parse(transforms));
        w.println(String.format(Locale.ROOT, "sweep %s: %d points (%d workload(s) x %d axes)%s%s, %d threads",
                sweep.name(), sweep.points().size(), sweep.networks().size(), sweep.axes().size(),
                sweep.dropped() > 0 ? ", " + sweep.dropped() + " dropped by constraints" : "",
                sh[1] > 1 ? ", shard " + sh[0] + "/" + sh[1] : "", n));
        w.flush();
        OutputPaths.createFolder(spec, "--out", out);
        try (OutputLock lock = OutputLock.acquire(out, "sweep " + file)) {
            return run(sweep, sh, n, w, err);
        }
    }

    private int run(Sweep sweep, int[] sh, int n, PrintWriter w, PrintWriter err) throws IOException {
        ShardRecord record = ShardRecord.of(sweep, sh[0], sh[1]);
        ShardRecord before = ShardRecord.read(out);
        boolean same = before == null || before.sameSweep(record) && before.shard() == record.shard();
        if (!same && before.shards() == 1 && record.shards() == 1) {
            // an edited sweep file run again in its folder: the points it still has are not run again
            w.println("the sweep's points changed since " + out + " was started (identity " + before.identity() + ", now "
                    + record.identity() + "): its finished points that are still in the sweep are kept");
        } else if (!same) {
            throw ConfigException.of(out.toString(), "holds " + before.describe() + " (identity " + before.identity()
                    + "); this is " + record.describe() + " (identity " + record.identity() + "): use another --out");
        }
        record.write(out);
        SweepRunner.Outcome o;
        try (SweepProgress progress = new SweepProgress(err, System.console() != null, quiet)) {
            o = SweepRunner.run(sweep, out, sh[0], sh[1], n, progress, !noReuse);
        }
        if (o.repaired()) {
            w.println("points.csv ended with a torn line (a crash): removed, that point was run again");
        }
        w.println(String.format(Locale.ROOT, "%d points ran, %d were already done; all %d in %s", o.ran(),
                o.skipped(), o.selected(), out.resolve(PointsCsv.FILE)));
        SweepOutputs.writeFronts(out, sweep.name(), sweep.pareto());
        if (sh[1] > 1) {
            w.println("shard done; merge the shards' folders with: arrayflow sweep-merge DIR... --out MERGED");
            return 0;
        }
        SweepTable all = SweepTable.read(List.of(out.resolve(PointsCsv.FILE)));
        Set<String> ids = new HashSet<>();
        sweep.points().forEach(p -> ids.add(p.id()));
        SweepTable t = all.only(ids);
        if (t.rows().size() < all.rows().size()) {
            w.println((all.rows().size() - t.rows().size()) + " lines of points.csv are not points of this sweep file "
                    + "(was it edited?): left out of the results");
        }
        SweepOutputs.write(t, sweep.pareto(), out, sweep.name(), !noCharts, w);
        w.println("results written to " + out);
        return 0;
    }

    private int[] parseShard() {
        if (shard == null) {
            return new int[] {1, 1};
        }
        String[] p = shard.split("/");
        try {
            if (p.length == 2) {
                int i = Integer.parseInt(p[0].trim());
                int n = Integer.parseInt(p[1].trim());
                if (n >= 1 && i >= 1 && i <= n) {
                    return new int[] {i, n};
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "--shard must be i/N with 1 <= i <= N (e.g. 2/8), found '" + shard + "'");
    }
}
