package org.arrayflow.sweep;

import java.util.List;

/**
 * One line of {@code points.csv}, parsed: the point's place and identity, its axis values as text, its
 * status ({@code ok}, or {@code invalid}/{@code unmappable}/{@code error} with a note), and its metrics
 * in {@link Metric} order (NaN when the point did not run).
 */
public record PointRow(long index, String id, String workload, List<String> values, String status, double[] metrics,
                       String note, String line) {
    public PointRow {
        values = List.copyOf(values);
        metrics = metrics.clone();
    }

    public boolean ok() {
        return "ok".equals(status);
    }

    public double metric(Metric m) {
        return metrics[m.ordinal()];
    }
}
