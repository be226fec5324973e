package org.arrayflow.report;

import org.arrayflow.io.Csv;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.validation.FusionMetrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-group table of {@code arrayflow fusion}: one row per fused group or unfused layer, in network
 * order, as printed and as {@code fusion.csv}. Column names are documented in docs/outputs.md.
 */
public final class FusionTable {
    private FusionTable() {}

    public static final List<String> COLUMNS = List.of("group", "fused", "strategy", "tile", "pyramids", "dram_mib",
            "feature_dram_mib", "unfused_feature_mib", "storage_kib", "extra_macs", "cycles");

    /**
     * One row. For an unfused layer, {@code strategy}, {@code tile} and {@code pyramids} are null and the
     * unfused feature maps and storage are NaN (the table prints "-", the CSV an empty cell).
     */
    public record Row(String name, boolean fused, String strategy, String tile, String pyramids, double dramMib,
                      double featureDramMib, double unfusedFeatureMib, double storageKib, String extraMacs,
                      long cycles) {}

    public static List<Row> rows(NetworkResult r) {
        List<Row> rows = new ArrayList<>();
        for (LayerResult l : r.layers()) {
            Map<String, String> m = l.mapping();
            boolean fused = "fused".equals(l.kind());
            rows.add(new Row(l.name(), fused, fused ? m.get("strategy") : null, fused ? m.get("tile") : null,
                    fused ? m.get("pyramids") : null, FusionMetrics.value(r, l.name(), "dram_mib"),
                    FusionMetrics.value(r, l.name(), "feature_dram_mib"),
                    fused ? FusionMetrics.value(r, l.name(), "unfused_feature_mib") : Double.NaN,
                    fused ? FusionMetrics.value(r, l.name(), "storage_kib") : Double.NaN,
                    fused ? m.get("extra_macs") : "0", l.totalCycles()));
        }
        return rows;
    }

    public static void writeCsv(Path file, NetworkResult r) throws IOException {
        OutputFiles.writeString(file, renderCsv(r));
    }

    public static String renderCsv(NetworkResult r) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Row row : rows(r)) {
            List<String> cells = List.of(Csv.field(row.name()), String.valueOf(row.fused()), text(row.strategy()),
                    text(row.tile()), text(row.pyramids()), Fmt.num(row.dramMib()), Fmt.num(row.featureDramMib()),
                    num(row.unfusedFeatureMib()), num(row.storageKib()), text(row.extraMacs()),
                    String.valueOf(row.cycles()));
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    private static String text(String s) {
        return s == null ? "" : Csv.field(s);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Fmt.num(v);
    }
}
