package org.arrayflow.report;

import org.arrayflow.io.Csv;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code layers.csv}: one row per layer. Fixed leading columns, then {@code busy_<resource>_cycles} for each
 * engine resource (array, DRAM link, vector unit...), then for every memory level and tensor
 * that any layer touches {@code <level>_<tensor>_reads|writes|fills|drains|bytes} (words, bytes), then
 * {@code energy_<component>_pj} and {@code energy_total_pj} (empty cells when the inputs have no energy
 * figures), then the mapping as key=value pairs. Column names are documented in docs/outputs.md.
 */
public final class LayersCsv {
    private LayersCsv() {}

    public static final List<String> FIXED = List.of("index", "name", "type", "shape", "macs", "weights",
            "total_cycles", "compute_cycles", "stall_cycles", "utilization");

    public static void write(Path file, NetworkResult r) throws IOException {
        Out.write(file, table(r));
    }

    public static String render(NetworkResult r) {
        return table(r).toString();
    }

    private static StringBuilder table(NetworkResult r) {
        Set<String> pairs = new LinkedHashSet<>();
        for (LayerResult l : r.layers()) {
            for (Traffic t : l.traffic()) {
                pairs.add(t.level() + "_" + t.tensor());
            }
        }
        Set<String> servers = new LinkedHashSet<>();
        for (LayerResult l : r.layers()) {
            servers.addAll(l.busy().keySet());
        }
        List<String> components = r.energyComponents();
        List<String> header = new ArrayList<>(FIXED);
        for (String srv : servers) {
            header.add("busy_" + srv + "_cycles");
        }
        for (String p : pairs) {
            for (String s : List.of("reads", "writes", "fills", "drains", "bytes")) {
                header.add(p + "_" + s);
            }
        }
        for (String c : components) {
            header.add("energy_" + c + "_pj");
        }
        header.add("energy_total_pj");
        header.add("mapping");
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (LayerResult l : r.layers()) {
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(l.index()));
            row.add(Csv.field(l.name()));
            row.add(l.kind());
            row.add(Csv.field(l.shape()));
            row.add(String.valueOf(l.macs()));
            row.add(String.valueOf(l.weights()));
            row.add(String.valueOf(l.totalCycles()));
            row.add(String.valueOf(l.computeCycles()));
            row.add(String.valueOf(l.stallCycles()));
            row.add(Fmt.fixed(l.utilization(), 6));
            for (String srv : servers) {
                row.add(String.valueOf(l.busy().getOrDefault(srv, 0L)));
            }
            Map<String, Traffic> byPair = new HashMap<>();
            for (Traffic t : l.traffic()) {
                byPair.putIfAbsent(t.level() + "_" + t.tensor(), t);
            }
            for (String p : pairs) {
                Traffic t = byPair.get(p);
                if (t == null) {
                    row.add("0"); row.add("0"); row.add("0"); row.add("0"); row.add("0");
                } else {
                    row.add(String.valueOf(t.reads()));
                    row.add(String.valueOf(t.writes()));
                    row.add(String.valueOf(t.fills()));
                    row.add(String.valueOf(t.drains()));
                    row.add(String.valueOf(t.bytes()));
                }
            }
            for (String c : components) {
                row.add(r.energyModelled() ? Fmt.fixed(l.energyPj(c), 3) : "");
            }
            row.add(r.energyModelled() ? Fmt.fixed(l.energyPj(), 3) : "");
            row.add(Csv.field(mapping(l.mapping())));
            sb.append(String.join(",", row)).append('\n');
        }
        return sb;
    }

    static String mapping(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
