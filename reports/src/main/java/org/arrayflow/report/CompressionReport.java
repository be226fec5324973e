package org.arrayflow.report;

import org.arrayflow.io.Csv;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.io.Units;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.TensorFigures;
import org.arrayflow.study.compression.CompressionStudy;
import org.arrayflow.study.compression.CompressionStudy.Point;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The compression study's outputs: {@code compression.csv} (one row per chip, network and step), one chart per
 * chip and network (energy by component and latency per step, both relative to dense fp16) and
 * {@code summary.md} (the table, with which components each step moved).
 */
public final class CompressionReport {
    /** A component's energy counts as moved by a step when it changes by more than this fraction. */
    private static final double MOVED = 0.02;

    private CompressionReport() {}

    public static void writeCsv(List<Point> points, Path file) throws IOException {
        Set<String> components = components(points);
        List<String> header = new ArrayList<>(List.of("architecture", "workload", "step", "transforms", "total_cycles",
                "latency_s", "energy_j", "dram_bytes", "macs", "macs_skipped", "macs_gated", "nonzero_weights"));
        components.forEach(c -> header.add("energy_" + c + "_j"));
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (Point p : points) {
            NetworkResult r = p.result();
            List<String> row = new ArrayList<>(List.of(p.arch(), p.workload(), Csv.field(p.step().name()),
                    Csv.field(String.join("; ", p.step().transforms().stream().map(t -> t.text()).toList())),
                    String.valueOf(r.totalCycles()), Fmt.num(r.seconds()), Fmt.num(Units.joules(r.energyPj())),
                    String.valueOf(r.bytes("dram")), String.valueOf(r.macs()),
                    String.valueOf(TensorFigures.skippedMacs(r)), String.valueOf(TensorFigures.gatedMacs(r)),
                    String.valueOf(TensorFigures.nonzeroWeights(r))));
            for (String c : components) {
                row.add(Fmt.num(Units.joules(r.energyPj(c))));
            }
            sb.append(String.join(",", row)).append('\n');
        }
        OutputFiles.writeString(file, sb.toString());
    }

    /** One chart per chip and network; returns the chart names written. */
    public static List<String> writeCharts(List<Point> points, Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, List<Point>> e : byRun(points).entrySet()) {
            List<Point> run = e.getValue();
            String name = "compression_" + run.get(0).workload() + "_" + run.get(0).arch();
            ChartFiles.write(chart(run), dir, name, 1000, 760);
            names.add(name);
        }
        return names;
    }

    private static JFreeChart chart(List<Point> run) {
        NetworkResult base = run.get(0).result();
        DefaultCategoryDataset energy = new DefaultCategoryDataset();
        DefaultCategoryDataset latency = new DefaultCategoryDataset();
        List<String> components = base.energyComponents();
        for (Point p : run) {
            for (String c : components) {
                energy.addValue(p.result().energyPj(c) / base.energyPj(), c, p.step().name());
            }
            latency.addValue((double) p.result().totalCycles() / base.totalCycles(), "latency", p.step().name());
        }
        StackedBarRenderer er = new StackedBarRenderer();
        style(er);
        Map<String, Color> colors = Palette.components(components);
        for (int i = 0; i < components.size(); i++) {
            er.setSeriesPaint(i, colors.get(components.get(i)));
        }
        BarRenderer lr = new BarRenderer();
        style(lr);
        lr.setSeriesPaint(0, new Color(0x555555)); // not a component colour: latency is not energy
        CategoryAxis x = new CategoryAxis("step");
        x.setLabelFont(ChartStyle.LABEL);
        x.setTickLabelFont(ChartStyle.TICK);
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(x);
        plot.setGap(14);
        plot.add(subplot(energy, er, "energy (dense fp16 = 1)"), 2);
        plot.add(subplot(latency, lr, "latency (dense fp16 = 1)"), 1);
        Point first = run.get(0);
        JFreeChart c = new JFreeChart(first.workload() + " on " + first.arch() + ": what each compression step buys",
                ChartStyle.TITLE, plot, true);
        c.addSubtitle(new TextTitle(String.format(Locale.ROOT, "dense fp16: %.3f ms, %.1f µJ; what-if support: %s",
                first.result().seconds() * 1e3, first.result().energyPj() / 1e6,
                CompressionStudy.whatIf(first.arch()).replace("\n", "; ").replaceAll("; $", "")), ChartStyle.SUBTITLE));
        c.setBackgroundPaint(Color.WHITE);
        c.getLegend().setItemFont(ChartStyle.LABEL);
        return c;
    }

    private static void style(BarRenderer r) {
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.12);
    }

    private static CategoryPlot subplot(DefaultCategoryDataset ds, BarRenderer r, String label) {
        NumberAxis y = new NumberAxis(label);
        y.setLabelFont(ChartStyle.LABEL);
        y.setTickLabelFont(ChartStyle.TICK);
        CategoryPlot p = new CategoryPlot(ds, null, y, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }

    /** summary.md: per chip and network, each step's latency and energy against dense fp16 and what it moved. */
    public static String summary(List<Point> points, List<String> charts) {
        StringBuilder sb = new StringBuilder("# What compression buys, step by step\n\n");
        sb.append("Each step is transforms on the same network (docs/compression.md); accuracy is not simulated. ")
                .append("Pruning densities: Han et al., NIPS 2015 (AlexNet Table 2; VGG-16 Table 4, second-hand). ")
                .append("The chips are the bundled ones with the what-if support stated per table. ")
                .append("\"moved\" lists, against the step it adds one change to (\"from\"), the energy components ")
                .append("that changed by more than 2 % (new / old) and the latency when it did. Pruning pays only ")
                .append("where a chip skips, gates or compresses the zeros: a row that moved nothing says this chip ")
                .append("does none of these for that kind of zero. All numbers: compression.csv.\n");
        for (List<Point> run : byRun(points).values()) {
            Point first = run.get(0);
            NetworkResult base = first.result();
            sb.append("\n## ").append(first.workload()).append(" on ").append(first.arch()).append("\n\nWhat-if: `")
                    .append(CompressionStudy.whatIf(first.arch()).strip().replace("\n", "` `")).append("`\n\n");
            sb.append("| step | latency (ms) | energy (uJ) | latency / dense fp16 | energy / dense fp16 | DRAM (MB) "
                    + "| MACs skipped | MACs gated | from | moved |\n|---|---|---|---|---|---|---|---|---|---|\n");
            Map<String, NetworkResult> byStep = new LinkedHashMap<>();
            for (Point p : run) {
                NetworkResult r = p.result();
                String from = p.step().from();
                sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.1f | %.2f | %.2f | %.2f | %s | %s | %s | %s |%n",
                        p.step().name(), r.seconds() * 1e3, r.energyPj() / 1e6,
                        (double) r.totalCycles() / base.totalCycles(), r.energyPj() / base.energyPj(),
                        r.bytes("dram") / 1e6, count(TensorFigures.skippedMacs(r)), count(TensorFigures.gatedMacs(r)),
                        from == null ? "" : from,
                        from == null ? "(baseline)" : moved(byStep.get(from), r)));
                byStep.put(p.step().name(), r);
            }
        }
        sb.append("\nCharts: ").append(String.join(", ", charts.stream().map(c -> c + ".png").toList())).append('\n');
        return sb.toString();
    }

    /** The components a step moved, largest change first, and the latency if it moved. */
    static String moved(NetworkResult before, NetworkResult after) {
        List<String> parts = new ArrayList<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String c : after.energyComponents()) {
            double b = before.energyPj(c);
            double a = after.energyPj(c);
            if (b > 0 && Math.abs(a / b - 1) > MOVED) {
                ratios.put(c, a / b);
            }
        }
        ratios.entrySet().stream().sorted((x, y) -> Double.compare(Math.abs(Math.log(y.getValue())),
                Math.abs(Math.log(x.getValue())))).forEach(e -> parts.add(String.format(Locale.ROOT, "%s %.2fx",
                e.getKey(), e.getValue())));
        double lat = (double) after.totalCycles() / before.totalCycles();
        if (Math.abs(lat - 1) > MOVED) {
            parts.add(String.format(Locale.ROOT, "latency %.2fx", lat));
        }
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    private static Map<String, List<Point>> byRun(List<Point> points) {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        for (Point p : points) {
            out.computeIfAbsent(p.arch() + "/" + p.workload(), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    private static Set<String> components(List<Point> points) {
        Set<String> out = new LinkedHashSet<>();
        points.forEach(p -> out.addAll(p.result().energyComponents()));
        return out;
    }

    private static String count(long n) {
        return n == 0 ? "0" : Fmt.si(n);
    }

}
