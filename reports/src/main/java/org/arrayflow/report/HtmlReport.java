package org.arrayflow.report;

import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.TensorFigures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code report.html}: one self-contained page (styles, script and charts inline as SVG; no network) with the
 * inputs, a summary per run, the charts, per-layer tables sortable by column, and the provenance of every
 * energy figure (count x per-access cost, and the energy table it came from). No timestamps: two runs of the
 * same inputs give the same bytes.
 */
public final class HtmlReport {
    /** An empty cell: a figure the run does not have (energy without energy figures). */
    private static final String NONE = "<td></td>";

    private HtmlReport() {}

    public static void write(Path file, List<ReportRun> runs, ReportWriter.Charts charts, boolean chartsOn)
            throws IOException {
        Out.write(file, page(runs, charts, chartsOn));
    }

    public static String render(List<ReportRun> runs, ReportWriter.Charts charts, boolean chartsOn) {
        return page(runs, charts, chartsOn).toString();
    }

    private static StringBuilder page(List<ReportRun> runs, ReportWriter.Charts charts, boolean chartsOn) {
        StringBuilder h = new StringBuilder(1 << 20);
        String title = title(runs);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(Html.esc(title)).append("</h1>\n");
        h.append("<nav><a href=\"#inputs\">Inputs</a> · <a href=\"#summary\">Summary</a>");
        if (chartsOn) {
            h.append(" · <a href=\"#charts\">Charts</a>");
        }
        for (ReportRun run : runs) {
            h.append(" · <a href=\"#run-").append(Html.esc(run.label())).append("\">")
                    .append(Html.esc(runName(run))).append("</a>");
        }
        h.append("</nav>\n");
        inputs(h, runs);
        summary(h, runs);
        if (chartsOn) {
            h.append("<section id=\"charts\">\n<h2>Charts</h2>\n");
            for (Map.Entry<String, List<ReportWriter.Rendered>> e : charts.byWorkload().entrySet()) {
                if (runs.size() > 1) {
                    h.append("<h3>").append(Html.esc(e.getKey())).append("</h3>\n");
                }
                figures(h, e.getValue());
            }
            h.append("</section>\n");
        } else {
            h.append("<p class=\"note\">Charts were skipped (<code>--no-charts</code>).</p>\n");
        }
        for (ReportRun run : runs) {
            runSection(h, run, ReportWriter.runDir(runs, run), chartsOn ? charts.byRun().getOrDefault(run.label(), List.of()) : List.of());
        }
        h.append("<footer>Written by arrayflow. Energies are access counts x per-access costs; cycles come from the ")
                .append("discrete-event engine. Click a column heading to sort a table.</footer>\n");
        h.append("<script>\n").append(JS).append("</script>\n</body>\n</html>\n");
        return h;
    }

    static String title(List<ReportRun> runs) {
        Set<String> archs = new LinkedHashSet<>();
        Set<String> workloads = new LinkedHashSet<>();
        for (ReportRun r : runs) {
            archs.add(r.result().arch());
            workloads.add(r.result().workload());
        }
        String on = String.join(", ", workloads) + " on " + String.join(" vs ", archs);
        return (runs.size() == 1 ? "Arrayflow report: " : "Arrayflow comparison: ") + on;
    }

    private static String runName(ReportRun r) {
        return r.result().workload() + " on " + r.result().arch();
    }

    private static void inputs(StringBuilder h, List<ReportRun> runs) {
        h.append("<section id=\"inputs\">\n<h2>Inputs</h2>\n<h3>Architectures</h3>\n<table>\n<thead><tr>")
                .append("<th>name</th><th>kind</th><th>source</th><th>PEs</th><th>clock (MHz)</th>")
                .append("<th>peak (GMAC/s)</th><th>DRAM (GB/s)</th><th>energy table</th></tr></thead>\n<tbody>\n");
        Map<String, ReportRun> archs = new LinkedHashMap<>();
        Map<String, ReportRun> workloads = new LinkedHashMap<>();
        for (ReportRun r : runs) {
            archs.putIfAbsent(r.result().arch(), r);
            workloads.putIfAbsent(r.result().workload() + "@" + r.result().batch(), r);
        }
        for (ReportRun r : archs.values()) {
            ArchFacts a = r.arch();
            h.append("<tr>").append(Html.td(a.name())).append(Html.td(a.kind())).append(Html.td(r.result().archSource()))
                    .append(Html.num(a.peCount())).append(Html.num(a.clockMhz(), Fmt.fixed(a.clockMhz(), 0)))
                    .append(Html.num(a.peakGmacs(), Fmt.fixed(a.peakGmacs(), 1)))
                    .append(Html.num(a.dramGBps(), Fmt.fixed(a.dramGBps(), 1))).append(Html.td(a.energySource()))
                    .append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n<h3>Workloads</h3>\n<table>\n<thead><tr><th>name</th><th>source</th>")
                .append("<th>batch</th><th>layers</th><th>MACs</th></tr></thead>\n<tbody>\n");
        for (ReportRun r : workloads.values()) {
            NetworkResult n = r.result();
            h.append("<tr>").append(Html.td(n.workload())).append(Html.td(n.workloadSource())).append(Html.num(n.batch()))
                    .append(Html.num(n.layers().size())).append(Html.num(n.macs())).append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        Map<String, String> texts = new LinkedHashMap<>();
        for (ReportRun r : runs) {
            texts.putIfAbsent(r.inputs().archName(), r.inputs().archText());
        }
        for (ReportRun r : runs) {
            texts.putIfAbsent(r.inputs().workloadName(), r.inputs().workloadText());
        }
        for (Map.Entry<String, String> e : texts.entrySet()) {
            h.append("<details><summary>").append(Html.esc(e.getKey())).append(" (input text)</summary><pre>")
                    .append(Html.esc(e.getValue())).append("</pre></details>\n");
        }
        options(h, runs);
        h.append("</section>\n");
    }

    /** The runs' options: once when every run has the same, else a row per run with its own. */
    private static void options(StringBuilder h, List<ReportRun> runs) {
        Map<String, Object> first = runs.get(0).inputs().options();
        if (runs.stream().allMatch(r -> r.inputs().options().equals(first))) {
            if (!first.isEmpty()) {
                h.append("<p>Options:").append(optionCodes(first)).append("</p>\n");
            }
            return;
        }
        h.append("<p>Options per run:</p>\n<table>\n<thead><tr><th>run</th><th>options</th></tr></thead>\n<tbody>\n");
        for (ReportRun r : runs) {
            h.append("<tr>").append(Html.td(runName(r))).append("<td>").append(optionCodes(r.inputs().options()).strip())
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** Options sorted by name, each as {@code <code>name=value</code>} after a space. */
    private static String optionCodes(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(options).entrySet()) {
            sb.append(" <code>").append(Html.esc(e.getKey())).append('=').append(Html.esc(String.valueOf(e.getValue())))
                    .append("</code>");
        }
        return sb.toString();
    }

    private static void summary(StringBuilder h, List<ReportRun> runs) {
        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"wide\"><table class=\"sortable\">\n<thead><tr>")
                .append("<th>architecture</th><th>kind</th><th>workload</th><th>latency (ms)</th><th>cycles</th>")
                .append("<th>stall (%)</th><th>utilisation (%)</th><th>GMAC/s</th><th>energy (µJ)</th>")
                .append("<th>pJ/MAC</th><th>EDP (µJ·ms)</th><th>DRAM (MB)</th>");
        if (runs.size() > 1) {
            h.append("<th>latency ×</th><th>energy ×</th><th>EDP ×</th><th>DRAM ×</th><th>pJ/MAC ×</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (ReportRun run : runs) {
            NetworkResult r = run.result();
            RunMetrics m = RunMetrics.of(r);
            h.append("<tr>").append(Html.td(r.arch())).append(Html.td(r.archKind())).append(Html.td(r.workload()))
                    .append(Html.num(m.latencyS() * 1e3, Fmt.fixed(m.latencyS() * 1e3, 3)))
                    .append(Html.num(m.totalCycles()))
                    .append(pct(m.totalCycles() == 0 ? 0 : (double) m.stallCycles() / m.totalCycles()))
                    .append(pct(m.utilization()))
                    .append(Html.num(m.gmacsPerS(), Fmt.fixed(m.gmacsPerS(), 1)));
            if (m.energyModelled()) {
                h.append(Html.num(m.energyJ() * 1e6, Fmt.fixed(m.energyJ() * 1e6, 1)))
                        .append(Html.num(m.pjPerMac(), Fmt.fixed(m.pjPerMac(), 3)))
                        .append(Html.num(m.edpJs() * 1e9, Fmt.fixed(m.edpJs() * 1e9, 2)));
            } else {
                h.append(NONE).append(NONE).append(NONE);
            }
            h.append(Html.num(m.dramBytes() / 1e6, Fmt.fixed(m.dramBytes() / 1e6, 2)));
            if (runs.size() > 1) {
                RunMetrics base = RunMetrics.of(SummaryCsv.baseline(runs, run).result());
                for (String metric : CompareCharts.METRICS) {
                    Double v = CompareCharts.ratio(m, base, metric);
                    h.append(v == null ? NONE : Html.num(v, Fmt.fixed(v, 2)));
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
        for (ReportRun run : runs) {
            if (!run.result().energyModelled()) {
                h.append("<p class=\"note\">Energy is not modelled for ").append(Html.esc(runName(run))).append(": ")
                        .append(Html.esc(run.result().energyNotModelled())).append(" (the energy cells are empty).</p>\n");
            }
        }
        if (runs.size() > 1) {
            h.append("<p class=\"note\">× columns: ratio to the first architecture on the same workload ")
                    .append("(lower is better).</p>\n");
        }
        h.append("</section>\n");
    }

    private static String pct(double fraction) {
        return Html.num(100 * fraction, Fmt.fixed(100 * fraction, 1));
    }

    private static void figures(StringBuilder h, List<ReportWriter.Rendered> charts) {
        for (ReportWriter.Rendered c : charts) {
            h.append("<figure class=\"chart\" id=\"chart-").append(Html.esc(c.chart().name())).append("\">\n")
                    .append(c.svg()).append("\n<figcaption>").append(Html.esc(c.chart().caption()))
                    .append(" — files: <a href=\"").append(Html.esc(c.relPath())).append(".png\">PNG</a>, <a href=\"")
                    .append(Html.esc(c.relPath())).append(".svg\">SVG</a></figcaption>\n</figure>\n");
        }
    }

    private static void runSection(StringBuilder h, ReportRun run, String dir, List<ReportWriter.Rendered> charts) {
        NetworkResult r = run.result();
        h.append("<section class=\"run\" id=\"run-").append(Html.esc(run.label())).append("\">\n<h2>")
                .append(Html.esc(runName(run))).append("</h2>\n");
        h.append("<p>").append(Html.esc(r.arch())).append(" (").append(Html.esc(r.archKind())).append(", ")
                .append(Fmt.grouped(r.peCount())).append(" PEs, ").append(Fmt.fixed(r.clockMhz(), 0))
                .append(" MHz), batch ").append(r.batch()).append(", ").append(r.layers().size())
                .append(" layers. Files: <a href=\"").append(Html.esc(dir)).append("layers.csv\">layers.csv</a>, <a href=\"")
                .append(Html.esc(dir)).append("result.json\">result.json</a>.</p>\n");
        SplitLine.append(h, r);
        figures(h, charts);
        layerTable(h, r);
        if (TensorFigures.stated(r)) {
            TensorTableHtml.append(h, r);
        }
        provenance(h, run);
        h.append("</section>\n");
    }


    private static void layerTable(StringBuilder h, NetworkResult r) {
        h.append("<h3>Layers</h3>\n<table class=\"sortable layers\">\n<thead><tr>")
                .append("<th>#</th><th>layer</th><th>type</th><th>shape</th><th>MACs</th><th>cycles</th>")
                .append("<th>compute</th><th>stall</th><th>latency (µs)</th><th>utilisation (%)</th>")
                .append("<th>DRAM (kB)</th><th>MACs/DRAM byte</th><th>energy (µJ)</th><th>pJ/MAC</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (LayerResult l : r.layers()) {
            long dram = RunMetrics.dramBytes(r, l);
            double intensity = dram == 0 ? 0 : (double) l.macs() / dram;
            double us = l.totalCycles() / r.clockMhz();
            h.append("<tr>");
            Html.num(h, l.index());
            Html.td(h, l.name());
            Html.td(h, l.kind());
            Html.shape(h, l.shape());
            Html.num(h, l.macs());
            Html.num(h, l.totalCycles());
            Html.num(h, l.computeCycles());
            Html.num(h, l.stallCycles());
            Html.num(h, us, Fmt.fixed(us, 2));
            Html.num(h, 100 * l.utilization(), Fmt.fixed(100 * l.utilization(), 1));
            Html.num(h, dram / 1e3, Fmt.fixed(dram / 1e3, 1));
            Html.num(h, intensity, Fmt.fixed(intensity, 1));
            if (r.energyModelled()) {
                Html.num(h, l.energyPj() / 1e6, Fmt.fixed(l.energyPj() / 1e6, 2));
                Html.num(h, l.macs() == 0 ? 0 : l.energyPj() / l.macs(),
                        l.macs() == 0 ? "" : Fmt.fixed(l.energyPj() / l.macs(), 3));
            } else {
                h.append(NONE).append(NONE);
            }
            h.append("</tr>\n");
            // the mapping on a line of its own under the figures, as wide as the table: readable, never cut off
            Html.mapping(h, LayersCsv.mapping(l.mapping()), 13);
        }
        h.append("</tbody>\n</table>\n");
    }

    /** Energy line items summed over layers, keyed by component, detail and unit cost, first-seen order. */
    private static void provenance(StringBuilder h, ReportRun run) {
        NetworkResult r = run.result();
        if (!r.energyModelled()) {
            h.append("<h3>Energy</h3>\n<p>Not modelled: ").append(Html.esc(r.energyNotModelled()))
                    .append(". No energy figure is made up, so this report shows none.</p>\n");
            return;
        }
        record Key(String component, String detail, double unitPj) {}
        Map<Key, long[]> counts = new LinkedHashMap<>();
        Map<Key, double[]> energies = new LinkedHashMap<>();
        for (LayerResult l : r.layers()) {
            for (EnergyItem e : l.energy()) {
                Key k = new Key(e.component(), e.detail(), e.unitPj());
                counts.computeIfAbsent(k, x -> new long[1])[0] += e.count();
                energies.computeIfAbsent(k, x -> new double[1])[0] += e.energyPj();
            }
        }
        double total = r.energyPj();
        h.append("<h3>Where the energy figures come from</h3>\n<p>Every figure is a count of events times a ")
                .append("per-event cost from the energy table of <b>").append(Html.esc(r.arch())).append("</b>: <i>")
                .append(Html.esc(run.arch().energySource())).append("</i>.</p>\n")
                .append("<table class=\"sortable\">\n<thead><tr><th>component</th><th>detail</th><th>count</th>")
                .append("<th>× unit (pJ)</th><th>= energy (µJ)</th><th>share (%)</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<Key, long[]> e : counts.entrySet()) {
            Key k = e.getKey();
            double pj = energies.get(k)[0];
            h.append("<tr>").append(Html.td(k.component())).append(Html.td(k.detail())).append(Html.num(e.getValue()[0]))
                    .append(Html.num(k.unitPj(), Fmt.num(k.unitPj())))
                    .append(Html.num(pj / 1e6, Fmt.fixed(pj / 1e6, 3)))
                    .append(pct(total == 0 ? 0 : pj / total)).append("</tr>\n");
        }
        h.append("</tbody>\n<tfoot><tr><td>total</td><td></td><td></td><td></td><td class=\"n\">")
                .append(Fmt.fixed(total / 1e6, 3)).append("</td><td class=\"n\">100.0</td></tr></tfoot>\n</table>\n");
        h.append("<details><summary>Per-layer line items (").append(r.layers().size()).append(" layers)</summary>\n")
                .append("<div class=\"scroll\"><table class=\"sortable\">\n<thead><tr><th>#</th><th>layer</th>")
                .append("<th>component</th><th>detail</th><th>count</th><th>× unit (pJ)</th><th>= energy (pJ)</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (LayerResult l : r.layers()) {
            for (EnergyItem e : l.energy()) {
                h.append("<tr>");
                Html.num(h, l.index());
                Html.td(h, l.name());
                Html.td(h, e.component());
                Html.td(h, e.detail());
                Html.num(h, e.count());
                Html.num(h, e.unitPj(), Fmt.num(e.unitPj()));
                Html.num(h, e.energyPj(), Fmt.fixed(e.energyPj(), 1)).append("</tr>\n");
            }
        }
        h.append("</tbody>\n</table></div>\n</details>\n");
    }

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:1500px;",
            "padding:0 1em 2em;color:#222;line-height:1.4}",
            "h1{font-size:1.6em;margin:.8em 0 .3em}h2{border-bottom:2px solid #0072b2;padding-bottom:.2em;margin-top:1.6em}",
            "nav{font-size:.95em;margin-bottom:1em}nav a{color:#0072b2}",
            "table{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em}",
            "th,td{border:1px solid #ccc;padding:.25em .4em;text-align:left;vertical-align:top}",
            "th{background:#eef4f9;position:sticky;top:0}td.n{text-align:right;font-variant-numeric:tabular-nums}",
            "table.sortable th{cursor:pointer;user-select:none}table.sortable th:hover{background:#d7e7f3}",
            "th.asc::after{content:' \\25B2'}th.desc::after{content:' \\25BC'}",
            "tbody tr:nth-child(even){background:#fafafa}",
            // per-layer tables run in the page (the heading row sticks); only the optional line items scroll
            ".wide{overflow-x:auto;max-width:100%}.scroll{max-height:80vh;overflow:auto;border:1px solid #ddd;",
            "display:inline-block;max-width:100%}.scroll table,.wide table{margin:0}",
            "table.layers tbody tr{background:none}table.layers tr.sub td{border-top:hidden;padding-top:0;color:#444}",
            "td.map{font-size:.85em;overflow-wrap:anywhere}.nw{white-space:nowrap}",
            "figure.chart{margin:1em 0 2em}figure.chart svg{display:block;max-width:100%;height:auto;",
            "border:1px solid #eee}figcaption{font-size:.9em;color:#555;margin-top:.3em}",
            "pre{background:#f6f6f6;padding:.6em;overflow:auto;max-height:80vh;font-size:.85em}",
            "details{margin:.4em 0}summary{cursor:pointer;color:#0072b2}.note{color:#555;font-size:.9em}",
            "footer{margin-top:3em;color:#777;font-size:.85em}",
            "");

    /** Click a heading to sort its table by that column (numbers by data-v, text otherwise); again to reverse. */
    private static final String JS = String.join("\n",
            "(function () {",
            "  function key(td) {",
            "    var v = td.getAttribute('data-v');",
            "    return v === null ? td.textContent : parseFloat(v);",
            "  }",
            "  function sortBy(table, col, th) {",
            "    var body = table.tBodies[0];",
            "    var groups = [];",  // a row with class sub (a layer's mapping) moves with the row above it
            "    Array.prototype.forEach.call(body.rows, function (r) {",
            "      if (r.classList.contains('sub') && groups.length) { groups[groups.length - 1].push(r); }",
            "      else { groups.push([r]); }",
            "    });",
            "    var asc = !th.classList.contains('asc');",
            "    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.classList.remove('asc', 'desc'); });",
            "    th.classList.add(asc ? 'asc' : 'desc');",
            "    groups.forEach(function (g, i) { g.i = i; });",
            "    groups.sort(function (a, b) {",
            "      var x = key(a[0].cells[col]), y = key(b[0].cells[col]);",
            "      var c = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y));",
            "      return (asc ? c : -c) || (a.i - b.i);",
            "    });",
            "    groups.forEach(function (g) { g.forEach(function (r) { body.appendChild(r); }); });",
            "  }",
            "  document.querySelectorAll('table.sortable').forEach(function (table) {",
            "    var head = table.tHead.rows[0];",
            "    Array.prototype.forEach.call(head.cells, function (th, col) {",
            "      th.title = 'sort by ' + th.textContent;",
            "      th.addEventListener('click', function () { sortBy(table, col, th); });",
            "    });",
            "  });",
            "})();",
            "");
}
