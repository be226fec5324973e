package org.arrayflow.report;

import org.arrayflow.io.Csv;
import org.arrayflow.io.Units;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.TensorFigures;
import org.arrayflow.result.Traffic;
import org.arrayflow.tensor.Tensor;

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
 * {@code energy_<component>_j} and {@code energy_j} (joules; empty cells when the inputs have no energy
 * figures), then the mapping as key=value pairs. A run with stated datatypes, densities, compression or
 * skipped or gated MACs ({@link TensorFigures#stated}) also has each tensor's datatype and density, the skipped
 * and gated MACs and the non-zero weights after the leading columns, and for every level and tensor held
 * compressed {@code _uncompressed_bytes} and {@code _metadata_bytes}. Column names are documented in
 * docs/outputs.md.
 */
public final class LayersCsv {
    private LayersCsv() {}

    public static final List<String> FIXED = List.of("index", "name", "type", "shape", "macs", "weights",
            "total_cycles", "compute_cycles", "stall_cycles", "utilization");

    /** After {@link #FIXED} in a run with stated datatypes or densities. */
    public static final List<String> TENSOR_COLUMNS = List.of("ifmap_datatype", "ifmap_density", "weight_datatype",
            "weight_density", "psum_datatype", "psum_density", "ofmap_datatype", "ofmap_density", "macs_skipped",
            "macs_gated", "nonzero_weights");

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
        boolean tensors = TensorFigures.stated(r);
        Set<String> compressed = new LinkedHashSet<>();
        for (LayerResult l : tensors ? r.layers() : List.<LayerResult>of()) {
            for (Traffic t : l.traffic()) {
                if (TensorFigures.compressed(l, t)) {
                    compressed.add(t.level() + "_" + t.tensor());
                }
            }
        }
        List<String> components = r.energyComponents();
        List<String> header = new ArrayList<>(FIXED);
        if (tensors) {
            header.addAll(TENSOR_COLUMNS);
        }
        for (String srv : servers) {
            header.add("busy_" + srv + "_cycles");
        }
        for (String p : pairs) {
            for (String s : List.of("reads", "writes", "fills", "drains", "bytes")) {
                header.add(p + "_" + s);
            }
            if (compressed.contains(p)) {
                header.add(p + "_uncompressed_bytes");
                header.add(p + "_metadata_bytes");
            }
        }
        for (String c : components) {
            header.add("energy_" + c + "_j");
        }
        header.add("energy_j");
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
            row.add(Fmt.num(l.utilization()));
            if (tensors) {
                for (Tensor t : Tensor.values()) {
                    row.add(TensorFigures.datatype(l, t));
                    row.add(TensorFigures.density(l, t));
                }
                row.add(String.valueOf(l.activity().skippedMacs()));
                row.add(String.valueOf(l.activity().gatedMacs()));
                row.add(String.valueOf(TensorFigures.nonzeroWeights(l)));
            }
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
                if (compressed.contains(p)) {
                    row.add(t == null ? "0" : String.valueOf(TensorFigures.uncompressedBytes(l, t)));
                    row.add(t == null ? "0" : String.valueOf(TensorFigures.metadataBytes(l, t)));
                }
            }
            for (String c : components) {
                row.add(r.energyModelled() ? Fmt.num(Units.joules(l.energyPj(c))) : "");
            }
            row.add(r.energyModelled() ? Fmt.num(Units.joules(l.energyPj())) : "");
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
