package org.arrayflow.cli;

import org.arrayflow.arch.ArchKinds;
import org.arrayflow.fusion.FusionStrategy;
import org.arrayflow.kind.tiled.TiledFusionArch;
import org.arrayflow.pipeline.Inputs;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.pipeline.RunRequest;
import org.arrayflow.report.FusionCharts;
import org.arrayflow.report.FusionTable;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.study.fusion.DepthSweep;
import org.arrayflow.workload.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code arrayflow fusion}: runs a workload on a tiled-fusion architecture with the chosen fused groups and
 * prints one row per group or layer (off-chip bytes, on-chip storage, extra MACs, cycles), also written as
 * {@code fusion.csv}; writes the fused-depth chart (traffic and storage versus group depth, recompute and
 * reuse side by side).
 */
@Command(name = "fusion", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Fused-layer report on a tiled-fusion architecture: per-group table and depth chart.")
final class FusionCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", required = true, description = "A tiled-fusion architecture: path or bundled name.")
    String arch;

    @Option(names = "--workload", required = true, description = "Workload YAML: path or bundled name.")
    String workload;

    @Option(names = "--fuse", description = "Fused groups: first..last[,first..last...], 'auto' (partitioner) or 'none'.")
    String fuse;

    @Option(names = "--fusion-strategy", description = "recompute, reuse or block (block convolution, DATE 2018).")
    String strategy;

    @Option(names = "--tile", description = "Output tile of each group's last layer: N or NxM (default: largest that fits).")
    String tile;

    @Option(names = "--per-layer-tiling", description = "Search Tm, Tn per layer instead of one engine for the network.")
    boolean perLayerTiling;

    @Option(names = "--budget-kib", description = "Override the on-chip budget (KiB).")
    Double budgetKib;

    @Option(names = "--batch", description = "Batch size, at least 1 (default: the workload's).")
    Long batch;

    @Option(names = "--out", defaultValue = "out/fusion",
            description = "Folder for fusion.csv (the table) and the chart (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--chart-from", description = "First layer of the depth chart (default: the workload's first layer).")
    String chartFrom;

    @Option(names = "--chart-depth", defaultValue = "21", description = "Deepest group in the chart (default: ${DEFAULT-VALUE}).")
    int chartDepth;

    @Option(names = "--chart-step", defaultValue = "16",
            description = "Input pixels a pyramid advances in the chart (default: ${DEFAULT-VALUE}).")
    int chartStep;

    @Option(names = "--no-charts", description = "Skip the chart.")
    boolean noCharts;

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    @Override
    public Integer call() throws IOException {
        int b = OptionChecks.batch(spec, batch);
        OptionChecks.tile(spec, "--tile", tile);
        if (strategy != null && FusionStrategy.fromLabel(strategy) == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--fusion-strategy must be recompute, reuse or block, not '" + strategy + "'");
        }
        OptionChecks.positive(spec, "--budget-kib", budgetKib);
        OptionChecks.atLeastOne(spec, "--chart-depth", chartDepth);
        OptionChecks.atLeastOne(spec, "--chart-step", chartStep);
        OutputPaths.checkFolder(spec, "--out", out);
        PrintWriter w = spec.commandLine().getOut();
        Map<String, String> opts = new LinkedHashMap<>();
        if (fuse != null) {
            opts.put("fuse", fuse);
        }
        if (strategy != null) {
            opts.put("strategy", strategy);
        }
        if (tile != null) {
            opts.put("tile", tile);
        }
        if (perLayerTiling) {
            opts.put("per_layer_tiling", "true");
        }
        if (budgetKib != null) {
            opts.put("budget_kib", String.valueOf(budgetKib));
        }
        Inputs in = Pipeline.resolve(new RunRequest(arch, workload, b, opts, false, CliErrors.COMMAND_LINE));
        TiledFusionArch t = ArchKinds.require(in.arch(), TiledFusionArch.class, "'arrayflow fusion'", arch);
        Network n = in.network();
        NetworkResult r = Pipeline.simulate(in).result();
        w.printf(Locale.ROOT, "%s on %s: on-chip budget %.1f KiB, %d-bit words, %.1f GB/s sustained%n",
                n.name(), t.name(), t.onChipBytes() / 1024.0, t.wordBits(),
                t.sustainedDramGBps());
        w.printf(Locale.ROOT, "%-22s %-9s %-8s %9s %11s %11s %12s %11s %12s %12s%n", "group/layer", "strategy", "tile",
                "pyramids",
                "dram MB", "fmaps MB", "unfused MB*", "storage KiB", "extra MACs", "cycles");
        for (FusionTable.Row row : FusionTable.rows(r)) {
            w.printf(Locale.ROOT, "%-22s %-9s %-8s %9s %11.3f %11.3f %12s %11s %12s %12d%n", row.name(),
                    dash(row.strategy()), dash(row.tile()), dash(row.pyramids()), row.dramBytes() / 1e6,
                    row.featureDramBytes() / 1e6,
                    row.fused() ? String.format(Locale.ROOT, "%.3f", row.unfusedFeatureBytes() / 1e6) : "-",
                    row.fused() ? String.format(Locale.ROOT, "%.1f", row.storageBytes() / 1024.0) : "-",
                    row.extraMacs(), row.cycles());
        }
        w.printf(Locale.ROOT, "total: %d cycles, %.3f ms, %.2f GMAC/s, %.3f MB off chip%n", r.totalCycles(),
                r.seconds() * 1e3, r.macs() / r.seconds() / 1e9, r.bytes("dram") / 1e6);
        w.println("* unfused: feature maps of the group's layers, one pass per layer (each layer reads its input"
                + " and writes its output once); MB = 10^6 bytes, KiB = 1024 bytes");
        OutputPaths.createFolder(spec, "--out", out);
        FusionTable.writeCsv(out.resolve("fusion.csv"), r);
        if (!noCharts) {
            String first = chartFrom != null ? chartFrom : n.layers().get(0).name();
            List<DepthSweep.Point> pts = DepthSweep.run(n, first, chartDepth, chartStep, t::precision,
                    List.of(FusionStrategy.RECOMPUTE, FusionStrategy.REUSE));
            FusionCharts.writeDepth(pts, "Fused-group depth: " + n.name() + " (" + t.wordBits() + "-bit), pyramid step "
                    + chartStep + " px", t.onChipBytes(), out);
            w.println("chart written to " + out.resolve("fusion_depth.png") + " (and .svg)");
        }
        return 0;
    }
}
