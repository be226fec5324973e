package org.arrayflow.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a reader of report.html stumbled on: the per-layer table in a box about four rows tall with the mapping
 * cut off.
 */
class ReportLayoutTest {
    static final String MAPPING = "dataflow=ws;gemm=12544x147x64;row_folds=1;col_folds=1;stream_chunk=whole;"
            + "folds=1;groups=1;pieces=1;loop_order=rows-outer;tile_shifts=1";

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
}
