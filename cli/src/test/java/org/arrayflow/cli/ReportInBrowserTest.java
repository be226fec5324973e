package org.arrayflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report of README's default job (ResNet-50 on tpu-v1) opened in headless Chromium from a file URL, with
 * no server and no network: it loads without console errors and every chart is laid out with a visible size
 * and drawn content. Skipped when no chromium is installed (.ci/run installs it).
 */
class ReportInBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void defaultJobReportLoadsWithoutErrorsAndShowsEveryChart() throws Exception {
        String chromium = HeadlessChromium.binary();
        assumeTrue(chromium != null, "chromium not found on PATH: skipping the browser check of report.html "
                + "(install it with: apt-get install -y chromium)");
        Path out = tmp.resolve("resnet50-tpu-v1");
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[] {"run", "--arch", "tpu-v1", "--workload", "resnet50", "--out",
                out.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(status).as(err.toString()).isZero();
        String html = Files.readString(out.resolve("report.html"));
        // self-contained: nothing is fetched (the SVG namespace URI is a name, not a fetch)
        assertThat(java.util.regex.Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//").matcher(html).find())
                .as("report.html loads nothing from the network").isFalse();

        // Chromium's profile lives outside @TempDir: a helper process can still be writing in it when JUnit
        // deletes the temp folder; it is removed best-effort after the browser has stopped.
        Path profile = Files.createTempDirectory("arrayflow-chromium-");
        try (HeadlessChromium browser = new HeadlessChromium(chromium, profile.resolve("profile"))) {
            browser.open(out.resolve("report.html").toUri().toString());
            JsonNode charts = browser.evaluate("JSON.stringify(Array.from(document.querySelectorAll('figure.chart'))"
                    + ".map(function (f) { var s = f.querySelector('svg'); var r = s ? s.getBoundingClientRect() : null;"
                    + " var st = s ? getComputedStyle(s) : null;"
                    + " return {id: f.id, w: r ? r.width : 0, h: r ? r.height : 0,"
                    + " shown: !!st && st.display !== 'none' && st.visibility !== 'hidden',"
                    + " marks: s ? s.querySelectorAll('path,rect,line').length : 0,"
                    + " texts: s ? s.querySelectorAll('text').length : 0}; }))");
            JsonNode list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(charts.asText());
            // 4 per-layer charts + energy by component + roofline
            assertThat(list).hasSize(6);
            for (JsonNode c : list) {
                assertThat(c.path("w").asDouble()).as(c.toString()).isGreaterThan(300);
                assertThat(c.path("h").asDouble()).as(c.toString()).isGreaterThan(200);
                assertThat(c.path("shown").asBoolean()).as(c.toString()).isTrue();
                assertThat(c.path("marks").asInt()).as(c.toString()).isGreaterThan(10);
                assertThat(c.path("texts").asInt()).as(c.toString()).isGreaterThan(5);
            }
            // the sort script ran: it titles every heading of a sortable table
            assertThat(browser.evaluate("document.querySelectorAll('table.sortable th[title]').length").asInt())
                    .isGreaterThan(10);
            layerTableIsReadable(browser);
            assertThat(browser.errors()).as("console errors").isEmpty();
        }
    }

    /**
     * The per-layer table was a box of about four rows with the mapping column cut off: now it runs in the page
     * at the 1400-pixel window, nothing sticks out sideways, every mapping is shown whole, and its heading row
     * stays in view while the reader scrolls through it.
     */
    private static void layerTableIsReadable(HeadlessChromium browser) throws Exception {
        JsonNode t = new com.fasterxml.jackson.databind.ObjectMapper().readTree(browser.evaluate("JSON.stringify((function () {"
                + " var t = document.querySelector('table.layers'); var clipped = 0;"
                + " for (var p = t.parentElement; p; p = p.parentElement) {"
                + "   var st = getComputedStyle(p); if (/(auto|scroll|hidden)/.test(st.overflowY) && p.clientHeight < t.offsetHeight) clipped++; }"
                + " var maps = Array.prototype.slice.call(t.querySelectorAll('td.map'));"
                + " var cut = maps.filter(function (m) { return m.scrollWidth > m.clientWidth + 1; }).length;"
                + " var r = t.getBoundingClientRect(); window.scrollTo(0, window.scrollY + r.top + r.height / 2);"
                + " var head = t.tHead.rows[0].cells[0].getBoundingClientRect().top;"
                + " return {layers: t.querySelectorAll('tbody tr:not(.sub)').length, maps: maps.length, cut: cut,"
                + "   clipped: clipped, wide: document.documentElement.scrollWidth - document.documentElement.clientWidth,"
                + "   headTop: head}; })())").asText());
        assertThat(t.path("layers").asInt()).as(t.toString()).isEqualTo(72);
        assertThat(t.path("maps").asInt()).as(t.toString()).isEqualTo(72);
        assertThat(t.path("cut").asInt()).as("mappings cut off: " + t).isZero();
        assertThat(t.path("clipped").asInt()).as("boxes shorter than the table: " + t).isZero();
        assertThat(t.path("wide").asInt()).as("page wider than the window: " + t).isLessThanOrEqualTo(0);
        assertThat(t.path("headTop").asDouble()).as("heading row in view mid-table: " + t).isBetween(-1.0, 1.0);
    }

    /** Negative control: the same check does see a script error and a hidden chart. */
    @Test
    void theCheckCatchesConsoleErrors() throws Exception {
        String chromium = HeadlessChromium.binary();
        assumeTrue(chromium != null, "chromium not found on PATH: skipping the browser check");
        Path page = tmp.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><figure class=\"chart\" style=\"display:none\"><svg "
                + "width=\"10\" height=\"10\"></svg></figure><script>console.error('boom'); undefinedFunction();"
                + "</script></body></html>");
        // Chromium's profile lives outside @TempDir: a helper process can still be writing in it when JUnit
        // deletes the temp folder; it is removed best-effort after the browser has stopped.
        Path profile = Files.createTempDirectory("arrayflow-chromium-");
        try (HeadlessChromium browser = new HeadlessChromium(chromium, profile.resolve("profile"))) {
            browser.open(page.toUri().toString());
            assertThat(browser.evaluate("document.querySelector('figure.chart svg').getBoundingClientRect().width")
                    .asDouble()).isZero();
            assertThat(browser.errors()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(String.join("\n", browser.errors())).contains("boom").contains("undefinedFunction");
        }
    }
}
