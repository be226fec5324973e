package org.arrayflow.report;

import org.arrayflow.io.Csv;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.study.isca16.EyerissComparison.Row;
import org.arrayflow.study.isca16.Level;
import org.arrayflow.study.isca16.NormalizedCosts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Outputs of the ISCA 2016 dataflow comparison: the CSV of every number (counts, energies in MAC units,
 * per-op values) and the normalised energy chart in the paper's style (stacked bars per dataflow,
 * CONV and FC layers, each normalised to RS). Reads comparison rows only.
 */
public final class DataflowComparisonReport {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    /** Components bottom to top, as stacked in the chart. */
    public static final List<String> COMPONENTS = List.of("ALU", "RF", "array", "buffer", "DRAM");

    private DataflowComparisonReport() {}

    public static void writeCsv(List<Row> rows, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("batch,layer,dataflow,rf_bytes_per_pe,glb_bytes,macs,dram_accesses,"
                + "glb_accesses,array_accesses,rf_accesses,energy_alu,energy_rf,energy_array,energy_glb,energy_dram,"
                + "energy_total,energy_per_op,dram_accesses_per_op");
        // Per level and data type, the counts the level totals are sums of (Eq. 3 and 4's terms).
        for (Level l : Level.values()) {
            for (org.arrayflow.study.isca16.Operand o : org.arrayflow.study.isca16.Operand.values()) {
                sb.append(',').append(l.label()).append('_').append(o.label());
            }
        }
        sb.append(",mapping\n");
        for (Row r : rows) {
            var c = r.eval().counts();
            NormalizedCosts k = r.costs();
            sb.append(String.format(Locale.ROOT, "%d,%s,%s,%d,%d,%d,%d,%d,%d,%d,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.6f,%.8f",
                    r.batch(), Csv.field(r.layer()), r.dataflow(), r.rfBytesPerPe(), r.glbBytes(), c.macs(), c.level(Level.DRAM),
                    c.level(Level.GLB), c.level(Level.ARRAY), c.level(Level.RF), c.aluEnergy(k), c.energy(Level.RF, k),
                    c.energy(Level.ARRAY, k), c.energy(Level.GLB, k), c.energy(Level.DRAM, k), c.totalEnergy(k),
                    r.totalPerOp(), r.dramAccessesPerOp()));
            for (Level l : Level.values()) {
                for (org.arrayflow.study.isca16.Operand o : org.arrayflow.study.isca16.Operand.values()) {
                    sb.append(',').append(c.get(l, o));
                }
            }
            // always quoted (most mappings hold a comma), so every row has the same shape
            sb.append(",\"").append(r.eval().mapping()).append("\"\n");
        }
        OutputFiles.writeString(file, sb.toString());
    }

    /** Energy per op of a component over the rows (sum of energies over sum of MACs). */
    public static double perOp(List<Row> rows, String component) {
        double e = 0;
        double macs = 0;
        for (Row r : rows) {
            var c = r.eval().counts();
            NormalizedCosts k = r.costs();
            macs += c.macs();
            e += switch (component) {
                case "ALU" -> c.aluEnergy(k);
                case "RF" -> c.energy(Level.RF, k);
                case "array" -> c.energy(Level.ARRAY, k);
                case "buffer" -> c.energy(Level.GLB, k);
                case "DRAM" -> c.energy(Level.DRAM, k);
                case "total" -> c.totalEnergy(k);
                default -> throw new IllegalArgumentException(component);
            };
        }
        return e / macs;
    }

    /** Rows grouped by dataflow (in first-seen order) that pass the layer filter, at one batch. */
    public static Map<String, List<Row>> byDataflow(List<Row> rows, int batch, Predicate<String> layer) {
        Map<String, List<Row>> m = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.batch() == batch && layer.test(r.layer())) {
                m.computeIfAbsent(r.dataflow(), x -> new ArrayList<>()).add(r);
            }
        }
        return m;
    }

    public static void writeChart(List<Row> rows, int batch, Path dir, String name) throws IOException {
        JFreeChart c = convAndFc(rows, batch, "AlexNet on 256 PEs at equal storage area, batch " + batch,
                DataflowComparisonReport::subplot, "energy/op (RS = 1)");
        NormalizedCosts k = rows.get(0).costs();
        String costs = k.equals(NormalizedCosts.ISCA16) ? "ISCA 2016 Table IV costs (ALU 1, RF 1, array 2, buffer 6, "
                + "DRAM 200)" : String.format(Locale.ROOT, "Table IV costs at %d-bit words (ALU %.3f, RF %.2f, array %.2f, "
                + "buffer %.2f, DRAM %.0f)", rows.get(0).wordBits(), k.alu(), k.rf(), k.array(), k.glb(), k.dram());
        c.addSubtitle(new TextTitle("energy = access counts x " + costs + "; WS/OSA/OSB/OSC/NLR searched under their "
                + "RF/buffer capacities, RS = the row-stationary model", LABEL));
        ChartFiles.write(c, dir, name, 1100, 900);
    }

    /** One chart of two stacked subplots, CONV1-5 above FC1-3, sharing the dataflow axis and one legend. */
    private static JFreeChart convAndFc(List<Row> rows, int batch, String title,
                                        java.util.function.BiFunction<Map<String, List<Row>>, String, CategoryPlot> sub,
                                        String what) {
        CategoryAxis x = new CategoryAxis("dataflow");
        x.setLabelFont(LABEL);
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(x);
        plot.setGap(14);
        CategoryPlot conv = sub.apply(byDataflow(rows, batch, l -> l.startsWith("conv")), "CONV1-5: " + what);
        plot.add(conv, 1);
        plot.add(sub.apply(byDataflow(rows, batch, l -> l.startsWith("fc")), "FC1-3: " + what), 1);
        // Both subplots have the same series: one legend entry each, not two.
        plot.setFixedLegendItems(conv.getLegendItems());
        JFreeChart c = new JFreeChart(title, TITLE, plot, true);
        c.setBackgroundPaint(Color.WHITE);
        c.getLegend().setItemFont(LABEL);
        return c;
    }

    private static CategoryPlot subplot(Map<String, List<Row>> byDf, String label) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        double rs = perOp(byDf.get("RS"), "total");
        for (String comp : COMPONENTS) {
            for (Map.Entry<String, List<Row>> e : byDf.entrySet()) {
                ds.addValue(perOp(e.getValue(), comp) / rs, comp, e.getKey());
            }
        }
        NumberAxis y = new NumberAxis(label);
        y.setLabelFont(LABEL);
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        Color[] colors = {new Color(0x0072B2), new Color(0x009E73), new Color(0xE69F00), new Color(0xCC79A7),
            new Color(0xD55E00)};
        for (int i = 0; i < colors.length; i++) {
            r.setSeriesPaint(i, colors[i]);
        }
        CategoryPlot p = new CategoryPlot(ds, null, y, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }

    /** Others' energy over RS's, for rows at one batch and a layer filter, per dataflow (RS excluded). */
    public static Map<String, Double> ratiosToRs(List<Row> rows, int batch, Predicate<String> layer) {
        Map<String, List<Row>> m = byDataflow(rows, batch, layer);
        double rs = perOp(m.get("RS"), "total");
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Row>> e : m.entrySet()) {
            if (!e.getKey().equals("RS")) {
                out.put(e.getKey(), perOp(e.getValue(), "total") / rs);
            }
        }
        return out;
    }

    private static String ratios(Map<String, Double> m) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : m.entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey())
                    .append(String.format(Locale.ROOT, " %.2fx", e.getValue()));
        }
        return sb.toString();
    }

    private static double min(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** summary.md: the setup, the per-layer table at the main batch, and which claims hold and by how much. */
    public static String summary(List<Row> rows, List<Integer> batches, int mainBatch, String areaText,
                                 Map<String, Long> glbBytes) {
        StringBuilder sb = new StringBuilder("# Eyeriss ISCA 2016 dataflow comparison, reproduced\n\n");
        NormalizedCosts k = rows.get(0).costs();
        String table = k.equals(NormalizedCosts.ISCA16) ? "Table IV normalised costs (ALU 1, RF 1, array 2, buffer 6, "
                + "DRAM 200)" : String.format(Locale.ROOT, "Table IV normalised costs at %d-bit words (ALU %.3f, RF %.2f, "
                + "array %.2f, buffer %.2f, DRAM %.0f; the paper's are for 16 bits, so its claims below are a what-if "
                + "at this width, not a check)", rows.get(0).wordBits(), k.alu(), k.rf(), k.array(), k.glb(), k.dram());
        sb.append("AlexNet CONV1-5 and FC1-3 (workloads/alexnet-eyeriss.yaml) on 256 PEs; energy = access counts x "
                + table + ", in MAC units; 1 op = 1 MAC. Equal storage area: ").append(areaText)
                .append(". Buffer per dataflow: ");
        int i = 0;
        for (Map.Entry<String, Long> e : glbBytes.entrySet()) {
            sb.append(i++ == 0 ? "" : ", ").append(e.getKey())
                    .append(String.format(Locale.ROOT, " %.1f kB", e.getValue() / 1024.0));
        }
        sb.append(". All numbers: comparison.csv. Model: docs/dataflow-comparison.md.\n\n");
        sb.append(String.format(Locale.ROOT, "## Energy per op, batch %d%n%n", mainBatch));
        sb.append("| layer | WS | OSA | OSB | OSC | NLR | RS | RS best? | others / RS |\n|---|---|---|---|---|---|---|---|---|\n");
        List<String> layers = new ArrayList<>();
        for (Row r : rows) {
            if (r.batch() == mainBatch && !layers.contains(r.layer())) {
                layers.add(r.layer());
            }
        }
        for (String l : layers) {
            Map<String, List<Row>> m = byDataflow(rows, mainBatch, l::equals);
            sb.append("| ").append(l);
            for (List<Row> v : m.values()) {
                sb.append(String.format(Locale.ROOT, " | %.3f", v.get(0).totalPerOp()));
            }
            Map<String, Double> rt = ratiosToRs(rows, mainBatch, l::equals);
            sb.append(" | ").append(min(rt) > 1 ? "yes" : "no")
                    .append(String.format(Locale.ROOT, " | %.2f-%.2fx |%n", min(rt), max(rt)));
        }
        sb.append(String.format(Locale.ROOT, "%n## DRAM accesses per op, batch %d%n%n", mainBatch));
        sb.append("| layer | WS | OSA | OSB | OSC | NLR | RS |\n|---|---|---|---|---|---|---|\n");
        for (String l : layers) {
            sb.append("| ").append(l);
            for (List<Row> v : byDataflow(rows, mainBatch, l::equals).values()) {
                sb.append(String.format(Locale.ROOT, " | %.5f", v.get(0).dramAccessesPerOp()));
            }
            sb.append(" |\n");
        }
        sb.append("\n## Claims\n\n");
        for (int b : batches) {
            Map<String, Double> conv = ratiosToRs(rows, b, l -> l.startsWith("conv"));
            Map<String, Double> fc = ratiosToRs(rows, b, l -> l.startsWith("fc"));
            boolean everyConv = true;
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (String l : layers) {
                if (l.startsWith("conv")) {
                    Map<String, Double> rt = ratiosToRs(rows, b, l::equals);
                    everyConv &= min(rt) > 1;
                    lo = Math.min(lo, min(rt));
                    hi = Math.max(hi, max(rt));
                }
            }
            sb.append(String.format(Locale.ROOT, "- batch %d, CONV1-5 together: others / RS = %s.%n", b, ratios(conv)));
            sb.append(String.format(Locale.ROOT, "  RS lowest on every CONV layer: %s (per layer %.2f-%.2fx). "
                    + "Paper: 1.4-2.5x. Model range %.2f-%.2fx, at the paper's precision (one decimal) %.1f-%.1fx: "
                    + "%s.%n", everyConv ? "yes" : "NO", lo, hi, min(conv), max(conv), oneDecimal(min(conv)),
                    oneDecimal(max(conv)), endpoints(oneDecimal(min(conv)), oneDecimal(max(conv)))));
            sb.append(String.format(Locale.ROOT, "- batch %d, FC1-3 together: others / RS = %s; smallest %.2fx "
                    + "(paper: at least 1.3x for batch >= 16): %s.%n", b, ratios(fc), min(fc),
                    b < 16 ? "not claimed at this batch" : min(fc) >= 1.3 ? "confirmed" : "NOT confirmed"));
        }
        return sb.toString();
    }

    /** A ratio as the paper states its claims: to one decimal. */
    private static double oneDecimal(double x) {
        return Math.round(x * 10) / 10.0;
    }

    /** Which ends of the paper's 1.4-2.5x range a (rounded) model range reproduces. */
    private static String endpoints(double lo, double hi) {
        boolean l = lo == 1.4;
        boolean h = hi == 2.5;
        return l && h ? "confirmed" : l ? "lower end confirmed, upper end " + hi + "x"
                : h ? "upper end confirmed, lower end " + lo + "x" : "NOT confirmed (" + lo + "-" + hi + "x)";
    }

    /** A summary section: WS-C (psums chained across channels too) over RS, CONV and FC (rows at one batch). */
    public static String wsVariant(List<Row> rows, int batch) {
        return String.format(Locale.ROOT, "%n## Sensitivity to the WS definition%n%n- WS-C, a WS that also chains the "
                + "psums of the channels it holds through the array (a TPU-style systolic column; not the paper's "
                + "WS, whose psums meet in the global buffer), batch %d: CONV1-5 %s; FC1-3 %s (over RS).%n", batch,
                ratios(ratiosToRs(rows, batch, l -> l.startsWith("conv"))),
                ratios(ratiosToRs(rows, batch, l -> l.startsWith("fc"))));
    }

    /** A summary section: the claims' ratios under another area model (rows at one batch). */
    public static String sensitivity(List<Row> rows, int batch, String areaText) {
        return String.format(Locale.ROOT, "%n## Sensitivity to the area model%n%n- %s, batch %d: CONV1-5 others / RS = "
                + "%s; FC1-3 others / RS = %s.%n", areaText, batch, ratios(ratiosToRs(rows, batch, l -> l.startsWith("conv"))),
                ratios(ratiosToRs(rows, batch, l -> l.startsWith("fc"))));
    }

    /** DRAM accesses per op, stacked by data type (ifmap, filter, psum/ofmap), CONV and FC, per dataflow. */
    public static void writeDramChart(List<Row> rows, int batch, Path dir, String name) throws IOException {
        JFreeChart c = convAndFc(rows, batch, "AlexNet DRAM accesses per op at equal storage area, batch " + batch,
                DataflowComparisonReport::dramSubplot, "DRAM accesses/op");
        ChartFiles.write(c, dir, name, 1100, 800);
    }

    private static CategoryPlot dramSubplot(Map<String, List<Row>> byDf, String label) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (org.arrayflow.study.isca16.Operand o : org.arrayflow.study.isca16.Operand.values()) {
            for (Map.Entry<String, List<Row>> e : byDf.entrySet()) {
                double words = 0;
                double macs = 0;
                for (Row r : e.getValue()) {
                    words += r.eval().counts().get(Level.DRAM, o);
                    macs += r.eval().counts().macs();
                }
                ds.addValue(words / macs, o == org.arrayflow.study.isca16.Operand.PSUM ? "psum/ofmap" : o.label(),
                        e.getKey());
            }
        }
        NumberAxis y = new NumberAxis(label);
        y.setLabelFont(LABEL);
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        Color[] colors = {new Color(0x56B4E9), new Color(0xE69F00), new Color(0x009E73)};
        for (int i = 0; i < colors.length; i++) {
            r.setSeriesPaint(i, colors[i]);
        }
        CategoryPlot p = new CategoryPlot(ds, null, y, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }
}
