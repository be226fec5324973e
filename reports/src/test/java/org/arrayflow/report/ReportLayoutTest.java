package org.arrayflow.report;

import org.arrayflow.result.Activity;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.LayerResult.LayerInfo;
import org.arrayflow.result.LayerResult.Timing;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a reader of report.html stumbled on: the per-layer table in a box about four rows tall with the mapping
 * cut off, and a log-scale normalised chart whose reference (1.0) had no bar and whose axis had two ticks.
 */
class ReportLayoutTest {
    static final String MAPPING = "dataflow=ws;gemm=12544x147x64;row_folds=1;col_folds=1;stream_chunk=whole;"
            + "folds=1;groups=1;pieces=1;loop_order=rows-outer;tile_shifts=1";

    /** A one-layer run whose layer takes {@code cycles} cycles, 1 MAC per cycle. */
    static ReportRun run(String arch, long cycles) {
        LayerResult conv = new LayerResult(new LayerInfo(0, "conv1", "conv2d", "3x224x224 -> 64x112x112 k7x7/2 pad 3",
                1000, 10), new Timing(cycles, cycles, 0, 0.5), List.of(new Traffic("dram", "ifmap", 100, 0, 0, 0, 100)),
                List.of(EnergyItem.of("mac", "MACs", 1000, 0.5), EnergyItem.of("dram", "bytes", 100 * cycles, 10)),
                new Activity(1000, 0, GenericKindReportTest.WORDS), Map.of("dataflow", "ws"), Map.of("array", cycles),
                null);
        NetworkResult r = new NetworkResult(arch, "systolic", arch + ".yaml", "tiny", "tiny.yaml", 1, 100, 4,
                List.of(conv));
        return new ReportRun(ReportRun.label(arch, "tiny"), r, new ArchFacts(arch, "systolic", 4, 100, 0.4, "table"),
                new ResultJson.Inputs(arch + ".yaml", "name: " + arch, "tiny.yaml", "name: tiny", Map.of("batch", 1)));
    }

    @Test
    void layerTableRunsInThePageWithTheWholeMapping() {
        String html = HtmlReport.render(List.of(GenericKindReportTest.run()), null, false);
        int table = html.indexOf("<h3>Layers</h3>");
        assertThat(table).isPositive();
        String layers = html.substring(table, html.indexOf("</table>", table));
        // not inside a scroll box: the heading is followed by the table itself
        assertThat(layers).startsWith("<h3>Layers</h3>\n<table class=\"sortable layers\">");
        // every layer's mapping in full, on a row of its own across the table, wrappable after each ';'
        assertThat(layers).contains("<tr class=\"sub\"><td></td><td class=\"map\" colspan=\"13\">mapping: rows=3</td>");
        // no box anywhere in the page is capped at a few rows' height (it was max-height:34em)
        Matcher m = Pattern.compile("max-height:([0-9.]+)(em|px|vh)").matcher(html);
        while (m.find()) {
            assertThat(m.group(2)).as(m.group()).isEqualTo("vh");
            assertThat(Double.parseDouble(m.group(1))).as(m.group()).isGreaterThanOrEqualTo(60);
        }
        StringBuilder cell = new StringBuilder();
        Html.mapping(cell, MAPPING, 13);
        assertThat(cell.toString().replace("<wbr>", "")).contains(">mapping: " + MAPPING + "</td>");
        assertThat(cell.toString()).contains("stream_chunk=whole;<wbr>folds=1");
        StringBuilder shape = new StringBuilder();
        Html.shape(shape, "3x224x224 -> 64x112x112 k7x7/2 pad 3");
        assertThat(shape.toString()).isEqualTo("<td>3x224x224 -&gt; <span class=\"nw\">64x112x112 k7x7/2 pad 3</span></td>");
    }

    @Test
    void logNormalisedChartGivesTheReferenceABarAtOne() {
        // 1x, 3x and 300x the reference's latency: more than 20x apart, so the axis is logarithmic
        JFreeChart c = CompareCharts.normalised(List.of(run("ref", 100), run("mid", 300), run("slow", 30000)), "t");
        CategoryPlot plot = c.getCategoryPlot();
        ValueAxis y = plot.getRangeAxis();
        assertThat(y).isInstanceOf(LogBarAxis.class);
        assertThat(y.getLowerBound()).isLessThan(1.0 / 1.5);
        assertThat(y.getUpperBound()).isGreaterThan(300);
        // bars grow from the axis' lower bound, so the reference's 1.0 is a bar (it grew from 1.0: no bar at all)
        assertThat(((BarRenderer) plot.getRenderer()).getBase()).isEqualTo(y.getLowerBound());
        List<Double> ticks = LogBarAxis.tickValues(y.getLowerBound(), y.getUpperBound());
        assertThat(ticks).contains(1.0, 10.0, 100.0).hasSizeGreaterThanOrEqualTo(6);
        assertThat(plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).hasSize(1);
    }

    @Test
    void logAxisTicksAreSeveralAndRoundWhateverTheRange() {
        // the old axis had ticks at powers of ten only: 1 and 10 on a range of 0.5 to 30
        assertThat(LogBarAxis.tickValues(0.5, 30)).containsExactly(0.5, 1.0, 2.0, 5.0, 10.0, 20.0);
        assertThat(LogBarAxis.range(1, 18.75)).containsExactly(0.5, 30.0);
        assertThat(LogBarAxis.range(0.03, 5)).containsExactly(0.01, 8.0);
        assertThat(LogBarAxis.tickValues(0.1, 5e4)).containsExactly(0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0,
                1000.0, 3000.0, 10000.0, 30000.0);
        assertThat(LogBarAxis.tickValues(1e-3, 1e5)).containsExactly(1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0, 1000.0,
                1e4, 1e5);
    }

    @Test
    void linearNormalisedChartStartsAtZeroWithTheLineAtOne() {
        JFreeChart c = CompareCharts.normalised(List.of(run("ref", 100), run("mid", 300)), "t");
        ValueAxis y = c.getCategoryPlot().getRangeAxis();
        assertThat(y).isNotInstanceOf(LogBarAxis.class);
        assertThat(y.getLowerBound()).isZero();
        assertThat(c.getCategoryPlot().getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).hasSize(1);
    }
}
