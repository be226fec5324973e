package org.arrayflow.report;

import org.arrayflow.io.Csv;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.study.tpu.TpuWhatIf;
import org.arrayflow.study.tpu.TpuWhatIf.App;
import org.arrayflow.study.tpu.TpuWhatIf.Point;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The TPU design study's outputs: {@code whatif.csv} (one row per design: each application's speed-up over the
 * base chip and the means), {@code figure11} (the weighted mean against the scale of each parameter, as the paper
 * plots it, with the MLP, LSTM and CNN families beneath), {@code tpu_prime} (the revised TPU's means beside the
 * paper's) and {@code summary.md}.
 */
public final class TpuWhatIfReport {
    /** What section 7 states in numbers: design point, mean, the paper's value. */
    private record Stated(String point, String mean, double value) {}

    private static final List<Stated> TPU_PRIME = List.of(new Stated("gddr5", "geometric", 2.6),
            new Stated("gddr5", "weighted", 3.9), new Stated("gddr5 + clock x1.5", "geometric", 2.9));

    /** A marker per series, the same in every panel. */
    private static final java.awt.Shape[] SHAPES = org.jfree.chart.plot.DefaultDrawingSupplier.createStandardSeriesShapes();

    private TpuWhatIfReport() {}

    public static void writeCsv(List<Point> points, Path file) throws IOException {
        List<String> header = new ArrayList<>(List.of("design", "series", "scale"));
        TpuWhatIf.APPS.forEach(a -> header.add(a.name().toLowerCase(Locale.ROOT) + "_speedup"));
        header.addAll(List.of("weighted_mean_speedup", "geometric_mean_speedup", "mlp_speedup", "lstm_speedup",
                "cnn_speedup"));
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (Point p : points) {
            List<String> row = new ArrayList<>(List.of(Csv.field(p.design().name()),
                    p.design().series() == null ? "" : p.design().series(),
                    p.design().series() == null ? "" : num(p.design().scale())));
            for (App a : TpuWhatIf.APPS) {
                row.add(num(p.speedup().get(a.name())));
            }
            row.addAll(List.of(num(p.weightedMean()), num(p.geometricMean()), num(p.familyMean("MLP")),
                    num(p.familyMean("LSTM")), num(p.familyMean("CNN"))));
            sb.append(String.join(",", row)).append('\n');
        }
        OutputFiles.writeString(file, sb.toString());
    }

    /** Figure 11: a panel for the weighted mean and one per family, speed-up against scale, one line per series. */
    public static void writeFigure11(List<Point> figure11, String arch, Path dir) throws IOException {
        LogAxis x = new LogAxis("scale of the parameter (log)");
        x.setBase(2);
        x.setRange(0.2, 5);
        x.setTickUnit(new NumberTickUnit(1));
        x.setNumberFormatOverride(new DecimalFormat("0.##x"));
        ChartStyle.axis(x);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(14);
        plot.add(panel(figure11, "weighted mean", Point::weightedMean), 2);
        plot.add(panel(figure11, "MLPs", p -> p.familyMean("MLP")), 1);
        plot.add(panel(figure11, "LSTMs", p -> p.familyMean("LSTM")), 1);
        plot.add(panel(figure11, "CNNs", p -> p.familyMean("CNN")), 1);
        // one legend for the four panels: their series are the same
        plot.setFixedLegendItems(((XYPlot) plot.getSubplots().get(0)).getLegendItems());
        JFreeChart c = ChartStyle.chart("Performance as one parameter scales: " + arch, plot);
        ChartStyle.subtitle(c, "speed-up over the base chip of the six stand-ins (Jouppi et al., ISCA 2017, Fig. 11); "
                + "families: geometric mean of their two apps");
        ChartFiles.write(c, dir, "figure11", 1000, 1200);
    }

    private static XYPlot panel(List<Point> points, String what, ToDoubleFunction<Point> value) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int i = 0;
        for (String series : TpuWhatIf.SERIES) {
            XYSeries s = new XYSeries(series);
            s.add(1.0, 1.0);
            for (Point p : points) {
                if (series.equals(p.design().series())) {
                    s.add(p.design().scale(), value.applyAsDouble(p));
                }
            }
            data.addSeries(s);
            r.setSeriesPaint(i, Palette.series(i));
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesShape(i, SHAPES[i]);
            i++;
        }
        LogAxis y = new LogAxis(what + " speed-up (log)");
        y.setBase(2);
        y.setTickUnit(new NumberTickUnit(1));
        y.setNumberFormatOverride(new DecimalFormat("0.##x"));
        ChartStyle.axis(y);
        XYPlot plot = new XYPlot(data, null, y, r);
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setDomainGridlinePaint(ChartStyle.GRID);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        return plot;
    }

    /** TPU': the geometric and weighted means of each revised design, beside the paper's where it gives one. */
    public static void writeTpuPrime(List<Point> prime, String arch, Path dir) throws IOException {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (Point p : prime) {
            d.addValue(p.geometricMean(), "geometric mean, simulated", p.design().name());
            d.addValue(p.weightedMean(), "weighted mean, simulated", p.design().name());
            d.addValue(stated(p.design().name(), "geometric"), "geometric mean, paper", p.design().name());
            d.addValue(stated(p.design().name(), "weighted"), "weighted mean, paper", p.design().name());
        }
        BarRenderer r = ChartStyle.bars(new BarRenderer());
        // the paper's bar in a pale shade of the simulated one it compares with
        for (int i = 0; i < 2; i++) {
            java.awt.Color c = Palette.series(i);
            r.setSeriesPaint(i, c);
            r.setSeriesPaint(i + 2, new java.awt.Color(c.getRed(), c.getGreen(), c.getBlue(), 100));
        }
        NumberAxis y = ChartStyle.numberAxis("speed-up over the base chip");
        JFreeChart c = ChartStyle.categoryChart(d, "TPU' (ISCA 2017, section 7): " + arch,
                ChartStyle.categoryAxis("design", prime.size()), y, r);
        ChartStyle.subtitle(c, "GDDR5 weight memory (5.4x the bandwidth), a 1050 MHz clock, and both; "
                + "no bar where the paper gives no number");
        ChartFiles.write(c, dir, "tpu_prime", 1000, 650);
    }

    private static Double stated(String point, String mean) {
        return TPU_PRIME.stream().filter(s -> s.point().equals(point) && s.mean().equals(mean)).map(Stated::value)
                .findFirst().orElse(null);
    }

    /** summary.md: Figure 11's weighted means, TPU' against the paper, and the 600 x 600 example. */
    public static String summary(String arch, List<Point> figure11, List<Point> prime, double[] fragmentationUs) {
        StringBuilder sb = new StringBuilder("# TPU design study on ").append(arch).append("\n\n");
        sb.append("Jouppi et al., ISCA 2017, section 7, on the six stand-in applications (docs/tpu-v1.md). Speed-up is the\n"
                + "base chip's simulated time over the design's; the weighted mean uses Table 1's deployment mix\n"
                + "(MLPs 61 %, LSTMs 29 %, CNNs 5 %, split evenly within a family).\n\n");
        sb.append("## Figure 11: weighted mean speed-up\n\n| series |");
        TpuWhatIf.SCALES.forEach(s -> sb.append(" ").append(num(s)).append("x |"));
        sb.append("\n|---|").append("---|".repeat(TpuWhatIf.SCALES.size())).append('\n');
        for (String series : TpuWhatIf.SERIES) {
            sb.append("| ").append(series).append(" |");
            for (double s : TpuWhatIf.SCALES) {
                double v = s == 1.0 ? 1.0 : figure11.stream().filter(p -> series.equals(p.design().series())
                        && p.design().scale() == s).findFirst().orElseThrow().weightedMean();
                sb.append(String.format(Locale.ROOT, " %.2f |", v));
            }
            sb.append('\n');
        }
        sb.append("\nThe paper: memory has the biggest impact (3X on average at 4X; MLPs and LSTMs 3X), the clock little on\n"
                + "average with or without more accumulators (CNNs about 2X at 4X), and a 512x512 matrix unit slightly\n"
                + "degrades the mean.\n\n## TPU'\n\n| design | geometric mean | paper | weighted mean | paper |\n|---|---|---|---|---|\n");
        for (Point p : prime) {
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %.2f | %s |%n", p.design().name(), p.geometricMean(),
                    paper(p.design().name(), "geometric"), p.weightedMean(), paper(p.design().name(), "weighted")));
        }
        sb.append(String.format(Locale.ROOT, "%nThe paper: a 1050 MHz clock alone \"makes almost no change\"; both changes raise the "
                + "geometric mean but not the weighted one.%n%n## LSTM1's 600 x 600 matrix%n%n"
                + "%.1f us on the chip's matrix unit, %.1f us on one twice as wide (the paper: 9 steps, 18 us; 4 steps, 32 us).%n",
                fragmentationUs[0], fragmentationUs[1]));
        return sb.toString();
    }

    private static String paper(String point, String mean) {
        Double v = stated(point, mean);
        return v == null ? "" : num(v);
    }

    /** Four significant digits, without trailing zeros (0.25, 1, 3.58). */
    private static String num(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }
}
