package org.arrayflow.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.CategoryDataset;

import java.awt.Color;
import java.awt.Font;

/**
 * The one place that decides how every chart looks: fonts, backgrounds, grid lines, bar style.
 * Chart classes build datasets from results and hand them here.
 */
public final class ChartStyle {
    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    public static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    public static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    public static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Color GRID = new Color(0xDDDDDD);

    static {
        // Rotated labels drawn with the workaround become glyph outlines in SVG (about 17 kB per label);
        // with a plain rotate + drawString they stay <text> elements.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private ChartStyle() {}

    /** Height of the per-layer charts and width scaled to the number of layers. */
    public static int layerChartWidth(int layers, int seriesPerLayer) {
        return Math.max(1000, Math.min(4000, 160 + layers * Math.max(16, 9 * seriesPerLayer)));
    }

    /** A category x axis; labels turn vertical when there are many categories. */
    public static CategoryAxis categoryAxis(String label, int categories) {
        CategoryAxis x = new CategoryAxis(label);
        if (categories > 12) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        }
        x.setMaximumCategoryLabelWidthRatio(categories > 12 ? 0.5f : 1.5f);
        x.setCategoryMargin(categories > 12 ? 0.1 : 0.2);
        x.setLowerMargin(categories > 12 ? 0.005 : 0.05);
        x.setUpperMargin(categories > 12 ? 0.005 : 0.05);
        axis(x);
        return x;
    }

    public static NumberAxis numberAxis(String label) {
        NumberAxis y = new NumberAxis(label);
        axis(y);
        return y;
    }

    public static void axis(Axis a) {
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
        a.setLabelPaint(Color.BLACK);
        a.setTickLabelPaint(Color.BLACK);
    }

    /** Flat bars, no shadows or gradients; legend swatches of 12 px, big enough to match a colour to a bar. */
    public static <R extends BarRenderer> R bars(R r) {
        r.setDefaultLegendShape(new java.awt.geom.Rectangle2D.Double(-6, -6, 12, 12));
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        return r;
    }

    /** A vertical bar chart over a category dataset with this module's look. */
    public static JFreeChart categoryChart(CategoryDataset d, String title, CategoryAxis x, ValueAxis y,
                                           BarRenderer renderer) {
        CategoryPlot plot = new CategoryPlot(d, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setRangeGridlinePaint(GRID);
        return chart(title, plot);
    }

    /** Wraps a plot in a chart with the shared title, legend and background. */
    public static JFreeChart chart(String title, Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
        }
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 6, 6, 12));
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(LABEL);
        legend.setFrame(new org.jfree.chart.block.BlockBorder(Color.WHITE));
        return chart;
    }

    public static void subtitle(JFreeChart c, String text) {
        c.addSubtitle(new TextTitle(text, SUBTITLE));
    }
}
