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

    public static final List<String> COLUMNS = List.of("group", "fused", "strategy", "tile", "pyramids", "dram_bytes",
            "feature_dram_bytes", "unfused_feature_bytes", "storage_bytes", "extra_macs", "cycles");

    /**
     * One row, amounts in bytes. For an unfused layer, {@code strategy}, {@code tile} and {@code pyramids} are null
     * and the unfused feature maps and storage are null (the table prints "-", the CSV an empty cell).
     */
    public record Row(String name, boolean fused, String strategy, String tile, String pyramids, long dramBytes,
                      long featureDramBytes, Long unfusedFeatureBytes, Long storageBytes, String extraMacs,
                      long cycles) {}

    public static List<Row> rows(NetworkResult r) {
        List<Row> rows = new ArrayList<>();
        for (LayerResult l : r.layers()) {
            Map<String, String> m = l.mapping();
            boolean fused = "fused".equals(l.kind());
            rows.add(new Row(l.name(), fused, fused ? m.get("strategy") : null, fused ? m.get("tile") : null,
                    fused ? m.get("pyramids") : null, l.bytes("dram"),
                    Math.round(FusionMetrics.value(r, l.name(), "feature_dram_bytes")),
                    fused ? Long.valueOf(m.get("unfused_one_pass_feature_bytes")) : null,
                    fused ? Math.round(FusionMetrics.value(r, l.name(), "storage_bytes")) : null,
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
                    text(row.tile()), text(row.pyramids()), String.valueOf(row.dramBytes()),
                    String.valueOf(row.featureDramBytes()), num(row.unfusedFeatureBytes()), num(row.storageBytes()),
                    text(row.extraMacs()),
                    String.valueOf(row.cycles()));
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    private static String text(String s) {
        return s == null ? "" : Csv.field(s);
    }

    private static String num(Long v) {
        return v == null ? "" : String.valueOf(v);
    }
}
