package org.arrayflow.report;

import org.arrayflow.io.OutputFiles;
import org.arrayflow.result.NetworkResult;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a result folder for one run ({@code arrayflow run}) or for several ({@code arrayflow compare}):
 * per run {@code layers.csv}, {@code result.json} and its per-layer charts; for the report {@code summary.csv},
 * the charts over runs, and {@code report.html}. A single run writes everything into {@code out}; a comparison
 * puts each run in {@code out/runs/<label>/}.
 */
public final class ReportWriter {
    private ReportWriter() {}

    /** A chart as written: where its files are (relative to the report) and its SVG for inlining. */
    public record Rendered(Chart chart, String relPath, String svg) {}

    /** Charts of a report grouped for display: per workload the charts over runs, and per run its own. */
    public record Charts(Map<String, List<Rendered>> byWorkload, Map<String, List<Rendered>> byRun) {
        public List<Rendered> all() {
            List<Rendered> all = new ArrayList<>();
            byWorkload.values().forEach(all::addAll);
            byRun.values().forEach(all::addAll);
            return all;
        }
    }

    public static void write(Path out, List<ReportRun> runs, boolean charts) throws IOException {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run");
        }
        boolean single = runs.size() == 1;
        Files.createDirectories(out);
        // The data files are written on a second thread while this one draws charts and the page: each file is
        // made from immutable results alone, so the bytes do not depend on which finishes first.
        ExecutorService files = Executors.newSingleThreadExecutor(r -> daemon(r, "report-files"));
        // Charts are drawn side by side too: each from its own chart object into its own files, so the bytes do not
        // depend on the order they finish in either.
        ExecutorService drawing = Executors.newFixedThreadPool(
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), r -> daemon(r, "report-charts"));
        try {
            List<Future<?>> written = new ArrayList<>();
            for (ReportRun run : runs) {
                Path dir = out.resolve(runDir(runs, run));
                OutputFiles.directory(out, dir);
                written.add(files.submit(() -> {
                    LayersCsv.write(dir.resolve("layers.csv"), run.result());
                    ResultJson.write(dir.resolve("result.json"), run.result(), run.inputs());
                    return null;
                }));
            }
            writeReport(out, runs, charts, single, drawing);
            for (Future<?> f : written) {
                await(f);
            }
        } finally {
            files.shutdownNow();
            drawing.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The charts drawn, in the order they were asked for. */
    private static Map<String, List<Rendered>> awaitAll(Map<String, List<Future<Rendered>>> drawn) throws IOException {
        Map<String, List<Rendered>> done = new LinkedHashMap<>();
        for (Map.Entry<String, List<Future<Rendered>>> e : drawn.entrySet()) {
            List<Rendered> list = new ArrayList<>();
            for (Future<Rendered> f : e.getValue()) {
                list.add(await(f));
            }
            done.put(e.getKey(), list);
        }
        return done;
    }

    private static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the report", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Charts of every run and over runs, then summary.csv and report.html. */
    private static void writeReport(Path out, List<ReportRun> runs, boolean charts, boolean single,
                                    ExecutorService drawing) throws IOException {
        Map<String, Color> colours = Palette.components(components(runs));
        Map<String, List<Future<Rendered>>> byRun = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            ReportRun run = runs.get(i);
            String rel = runDir(runs, run);
            Path dir = out.resolve(rel);
            List<Future<Rendered>> rendered = new ArrayList<>();
            if (charts) {
                Color colour = Palette.series(archIndex(runs, run));
                for (Chart c : LayerCharts.all(run.result(), colours, colour)) {
                    Chart named = single ? c : new Chart(run.label() + "-" + c.name(), c.caption(), c.chart(),
                            c.width(), c.height());
                    rendered.add(drawing.submit(() -> render(named, dir, rel, c.name())));
                }
            }
            byRun.put(run.label(), rendered);
        }
        Map<String, List<Future<Rendered>>> byWorkload = new LinkedHashMap<>();
        if (charts) {
            for (Map.Entry<String, List<ReportRun>> e : byWorkload(runs).entrySet()) {
                List<ReportRun> group = e.getValue();
                String wl = group.get(0).result().workload();
                String suffix = single ? "" : "_" + ChartFiles.idSafe(e.getKey());
                List<Chart> list = new ArrayList<>();
                if (group.size() > 1) {
                    list.add(new Chart("compare" + suffix, "Headline metrics normalised to " + group.get(0).result().arch()
                            + " (" + wl + ")", CompareCharts.normalised(group, "Relative to " + group.get(0).result().arch()
                            + ": " + wl), 1100, 560));
                    list.add(new Chart("latency_per_layer" + suffix, "Latency per layer side by side (" + wl + ")",
                            CompareCharts.latencyPerLayer(group, "Latency per layer: " + wl),
                            ChartStyle.layerChartWidth(group.get(0).result().layers().size(), group.size()),
                            LayerCharts.HEIGHT));
                }
                // runs without energy figures (SCALE-Sim configurations) have no bar, none at all: no chart
                List<ReportRun> priced = group.stream().filter(r -> r.result().energyModelled()).toList();
                if (!priced.isEmpty()) {
                    list.add(new Chart("energy_by_component" + suffix, "Network energy by component (" + wl + ")",
                            CompareCharts.energyByComponent(priced, colours, "Energy by component: " + wl),
                            Math.max(800, 260 + 160 * priced.size()), 560));
                }
                list.add(new Chart("roofline" + suffix, "DRAM roofline, one point per layer (" + wl + ")",
                        CompareCharts.roofline(group, "DRAM roofline: " + wl), 1100, 700));
                List<Future<Rendered>> rendered = new ArrayList<>();
                for (Chart c : list) {
                    rendered.add(drawing.submit(() -> render(c, out, "", c.name())));
                }
                byWorkload.put(e.getKey(), rendered);
            }
        }
        SummaryCsv.write(out.resolve("summary.csv"), runs);
        HtmlReport.write(out.resolve("report.html"), runs, new Charts(awaitAll(byWorkload), awaitAll(byRun)), charts);
    }

    private static Rendered render(Chart c, Path dir, String rel, String fileName) throws IOException {
        Chart file = new Chart(fileName, c.caption(), c.chart(), c.width(), c.height());
        String svg = ChartFiles.write(file, dir);
        // inline copy: ids prefixed with the unique chart name so several SVGs can share one page; where the file's
        // name is that name (a single run, the charts over runs), the file's SVG is that copy, not drawn again
        return new Rendered(c, rel + fileName, fileName.equals(c.name()) ? svg : ChartFiles.svg(c));
    }

    /** Folder of a run's files relative to the report: the report's own for a single run, else runs/label/. */
    public static String runDir(List<ReportRun> runs, ReportRun run) {
        return runs.size() == 1 ? "" : "runs/" + run.label() + "/";
    }

    /** Energy components of all runs, first-seen order. */
    static List<String> components(List<ReportRun> runs) {
        Set<String> s = new LinkedHashSet<>();
        for (ReportRun r : runs) {
            s.addAll(r.result().energyComponents());
        }
        return new ArrayList<>(s);
    }

    /** Runs grouped by workload (name and batch), groups and members in the order given. */
    public static Map<String, List<ReportRun>> byWorkload(List<ReportRun> runs) {
        Map<String, List<ReportRun>> m = new LinkedHashMap<>();
        for (ReportRun r : runs) {
            NetworkResult n = r.result();
            m.computeIfAbsent(n.workload() + (batchesDiffer(runs, n.workload()) ? "_b" + n.batch() : ""),
                    k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    private static boolean batchesDiffer(List<ReportRun> runs, String workload) {
        return runs.stream().filter(r -> r.result().workload().equals(workload)).mapToInt(r -> r.result().batch())
                .distinct().count() > 1;
    }

    /** Position of a run's architecture among the report's architectures: its colour everywhere. */
    static int archIndex(List<ReportRun> runs, ReportRun run) {
        List<String> archs = new ArrayList<>();
        for (ReportRun r : runs) {
            if (!archs.contains(r.result().arch())) {
                archs.add(r.result().arch());
            }
        }
        return archs.indexOf(run.result().arch());
    }
}
