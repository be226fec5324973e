package org.arrayflow.sweep;

import org.arrayflow.config.ConfigException;
import org.arrayflow.io.Csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The finished points of a sweep, read back from one or more {@code points.csv} files (a sweep folder,
 * or the folders of its shards), with duplicates removed and sorted by enumeration index, so the same
 * points give the same table whatever order they finished in or however they were sharded.
 */
public record SweepTable(List<String> header, List<String> axisKeys, List<PointRow> rows) {
    public SweepTable {
        header = List.copyOf(header);
        axisKeys = List.copyOf(axisKeys);
        rows = List.copyOf(rows);
    }

    public static SweepTable read(List<Path> files) throws IOException {
        List<String> header = null;
        Map<String, PointRow> byId = new LinkedHashMap<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw ConfigException.of(f.toString(), "no such file (is this a sweep output folder?)");
            }
            String first = Files.readString(f, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            List<String> h = Csv.split(first);
            if (h == null || !h.contains("status") || !h.get(0).equals("index")) {
                throw ConfigException.of(f.toString(), "not a sweep points file (first line: " + first + ")");
            }
            if (header == null) {
                header = h;
            } else if (!header.equals(h)) {
                throw ConfigException.of(f.toString(), "columns differ from " + files.get(0) + ": not the same sweep");
            }
            for (PointRow r : PointsCsv.read(f, h, false).rows()) {
                PointRow seen = byId.putIfAbsent(r.id(), r);
                if (seen != null && !seen.line().equals(r.line())) {
                    throw ConfigException.of(f.toString(), "point " + r.id() + " has different results in two files:\n  "
                            + seen.line() + "\n  " + r.line());
                }
            }
        }
        if (header == null) {
            throw new IllegalArgumentException("no files");
        }
        List<PointRow> rows = new ArrayList<>(byId.values());
        rows.sort(Comparator.comparingLong(PointRow::index).thenComparing(PointRow::id));
        return new SweepTable(header, header.subList(3, header.indexOf("status")), rows);
    }

    /** The rows whose ids are in {@code ids} (e.g. the points of the current sweep file). */
    public SweepTable only(Set<String> ids) {
        return new SweepTable(header, axisKeys, rows.stream().filter(r -> ids.contains(r.id())).toList());
    }

    public List<String> workloads() {
        Set<String> s = new LinkedHashSet<>();
        rows.forEach(r -> s.add(r.workload()));
        return new ArrayList<>(s);
    }

    public List<PointRow> ok(String workload) {
        return rows.stream().filter(r -> r.ok() && r.workload().equals(workload)).toList();
    }

    /**
     * Ids of the points on the Pareto front of (a, b) within each workload: no other point of the same
     * workload is at least as good in both and better in one. Equal points are all kept.
     */
    public Set<String> front(Metric a, Metric b) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : workloads()) {
            List<PointRow> pts = new ArrayList<>(ok(w));
            pts.sort(Comparator.<PointRow>comparingDouble(r -> key(r, a)).thenComparingDouble(r -> key(r, b))
                    .thenComparingLong(PointRow::index));
            double best = Double.POSITIVE_INFINITY;
            double lastA = Double.NaN;
            double lastB = Double.NaN;
            for (PointRow r : pts) {
                double x = key(r, a);
                double y = key(r, b);
                if (y < best) {
                    best = y;
                    lastA = x;
                    lastB = y;
                    out.add(r.id());
                } else if (x == lastA && y == lastB) {
                    out.add(r.id());
                }
            }
        }
        return out;
    }

    /** The metric as a quantity to minimise. */
    private static double key(PointRow r, Metric m) {
        return m.minimise() ? r.metric(m) : -r.metric(m);
    }

    /** The best point of a workload for a metric (lowest index among ties), or null if none ran. */
    public PointRow best(String workload, Metric m) {
        PointRow best = null;
        for (PointRow r : ok(workload)) {
            if (best == null || key(r, m) < key(best, m)) {
                best = r;
            }
        }
        return best;
    }

    /**
     * Metric versus one axis with the other axes at their best: for each value of the axis, the best metric
     * among the points with that value. Values in numeric order when all are numbers, else first-seen order.
     */
    public Map<String, Double> sensitivity(String workload, int axis, Metric m) {
        List<String> values = new ArrayList<>();
        for (PointRow r : rows) {
            if (r.workload().equals(workload) && !values.contains(r.values().get(axis))) {
                values.add(r.values().get(axis));
            }
        }
        if (values.stream().allMatch(SweepTable::numeric)) {
            values.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String v : values) {
            double best = Double.NaN;
            for (PointRow r : ok(workload)) {
                if (r.values().get(axis).equals(v)) {
                    double x = r.metric(m);
                    if (Double.isNaN(best) || m.noWorse(x, best)) {
                        best = x;
                    }
                }
            }
            out.put(v, best);
        }
        return out;
    }

    private static boolean numeric(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
