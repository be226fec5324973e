package org.arrayflow.report;

import org.arrayflow.fusion.FusionStrategy;
import org.arrayflow.study.fusion.DepthSweep;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fused-group depth chart: off-chip feature-map traffic, on-chip storage and recomputed MACs versus the
 * number of layers fused, recompute and reuse side by side, with the unfused one-pass traffic and the
 * on-chip budget for reference. Reads sweep points only.
 */
public final class FusionCharts {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** Traffic in decimal MB, as every output shows it; storage in KiB, the unit of the budget (docs/outputs.md). */
    private static final double MB = 1e6;

    private FusionCharts() {}

    public static void writeDepth(List<DepthSweep.Point> pts, String title, long budgetBytes, Path dir)
            throws IOException {
        ChartFiles.write(depth(pts, title, budgetBytes), dir, "fusion_depth", 1100, 1000);
    }

    public static JFreeChart depth(List<DepthSweep.Point> pts, String title, long budgetBytes) {
        List<String> names = new ArrayList<>();
        for (DepthSweep.Point p : pts) {
            if (names.size() < p.depth()) {
                names.add(p.depth() + ": " + p.lastLayer());
            }
        }
        SymbolAxis x = new SymbolAxis("fused group depth (layers, ending at)", names.toArray(new String[0]));
        x.setTickLabelFont(TICK);
        x.setLabelFont(LABEL);
        x.setVerticalTickLabels(true);
        x.setGridBandsVisible(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(12);

        XYSeriesCollection traffic = new XYSeriesCollection();
        XYSeries unfused = new XYSeries("unfused, one pass per layer");
        XYSeriesCollection storage = new XYSeriesCollection();
        XYSeriesCollection extra = new XYSeriesCollection();
        for (FusionStrategy s : List.of(FusionStrategy.RECOMPUTE, FusionStrategy.REUSE)) {
            XYSeries t = new XYSeries(s.label());
            XYSeries st = new XYSeries(s.label());
            XYSeries ex = new XYSeries(s.label());
            for (DepthSweep.Point p : pts) {
                if (p.strategy() != s) {
                    continue;
                }
                t.add(p.depth() - 1, p.featureBytes() / MB);
                st.add(p.depth() - 1, p.storageBytes() / 1024.0);
                ex.add(p.depth() - 1, 100.0 * p.extraMacs() / Math.max(1, p.usefulMacs()));
                if (s == FusionStrategy.REUSE) {
                    unfused.add(p.depth() - 1, p.unfusedFeatureBytes() / MB);
                }
            }
            traffic.addSeries(t);
            storage.addSeries(st);
            extra.addSeries(ex);
        }
        traffic.addSeries(unfused);

        plot.add(subplot(traffic, log("off-chip feature maps (MB/image, 10^6 bytes)"), true), 3);
        XYPlot sp = subplot(storage, log("on-chip storage (KiB)"), false);
        if (budgetBytes > 0 && budgetBytes < Long.MAX_VALUE) {
            ValueMarker m = new ValueMarker(budgetBytes / 1024.0, Color.GRAY, new BasicStroke(1.5f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
            m.setLabel(String.format(Locale.ROOT, "on-chip budget %.0f KiB", budgetBytes / 1024.0));
            m.setLabelFont(TICK);
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            sp.addRangeMarker(m);
        }
        plot.add(sp, 3);
        NumberAxis exAxis = new NumberAxis("recomputed MACs (% of useful)");
        exAxis.setLabelFont(LABEL);
        exAxis.setTickLabelFont(TICK);
        plot.add(subplot(extra, exAxis, false), 2);

        JFreeChart c = new JFreeChart(title, TITLE, plot, true);
        c.setBackgroundPaint(Color.WHITE);
        c.getLegend().setItemFont(LABEL);
        DepthSweep.Point first = pts.isEmpty() ? null : pts.get(0);
        if (first != null) {
            c.addSubtitle(new TextTitle("groups start at the first layer; output tile sized so each pyramid advances "
                    + "the same number of input pixels; recompute re-reads overlapping input, reuse caches it", LABEL));
        }
        return c;
    }

    private static LogAxis log(String label) {
        LogAxis a = new LogAxis(label);
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
        a.setBase(10);
        a.setSmallestValue(1e-3);
        a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
        a.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###",
                java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)));
        return a;
    }

    private static XYPlot subplot(XYSeriesCollection d, org.jfree.chart.axis.ValueAxis y, boolean legend) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setDefaultSeriesVisibleInLegend(legend);
        for (int i = 0; i < d.getSeriesCount(); i++) {
            String key = String.valueOf(d.getSeriesKey(i));
            Color col = key.equals("recompute") ? Palette.series(1) : key.equals("reuse") ? Palette.series(0)
                    : Palette.GREY;
            r.setSeriesPaint(i, col);
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot p = new XYPlot(d, null, y, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(new Color(0xDDDDDD));
        p.setDomainGridlinePaint(new Color(0xEEEEEE));
        return p;
    }
}
