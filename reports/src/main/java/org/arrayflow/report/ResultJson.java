package org.arrayflow.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code result.json}: the exact inputs (file names and full text), network totals, and every layer with
 * its traffic, its energy as count x unit cost line items, and its mapping. Keys in fixed order.
 */
public final class ResultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {}

    /** The inputs of a run, recorded verbatim. */
    public record Inputs(String archName, String archText, String workloadName, String workloadText,
                         Map<String, String> options) {}

    public static void write(Path file, NetworkResult r, Inputs inputs) throws IOException {
        Files.writeString(file, render(r, inputs), StandardCharsets.UTF_8);
    }

    public static String render(NetworkResult r, Inputs inputs) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "arrayflow-result/1");
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("architecture", Map.of("name", inputs.archName(), "text", inputs.archText()));
        in.put("workload", Map.of("name", inputs.workloadName(), "text", inputs.workloadText()));
        in.put("options", new LinkedHashMap<>(inputs.options()));
        root.put("inputs", sorted(in));
        root.put("totals", totals(r));
        List<Object> layers = new ArrayList<>();
        for (LayerResult l : r.layers()) {
            layers.add(layer(l));
        }
        root.put("layers", layers);
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        return MAPPER.writer(pp).writeValueAsString(root) + "\n";
    }

    private static Map<String, Object> sorted(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> inner) {
                Map<String, Object> s = new java.util.TreeMap<>();
                inner.forEach((k, x) -> s.put(String.valueOf(k), x));
                v = s;
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    static Map<String, Object> totals(NetworkResult r) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("architecture", r.arch());
        t.put("kind", r.archKind());
        t.put("workload", r.workload());
        t.put("batch", r.batch());
        t.put("clock_mhz", r.clockMhz());
        t.put("pe_count", r.peCount());
        t.put("macs", r.macs());
        t.put("total_cycles", r.totalCycles());
        t.put("compute_cycles", r.computeCycles());
        t.put("stall_cycles", r.stallCycles());
        t.put("utilization", r.utilization());
        t.put("latency_ms", r.seconds() * 1e3);
        t.put("energy_pj", r.energyPj());
        t.put("energy_pj_per_mac", r.macs() == 0 ? 0 : r.energyPj() / r.macs());
        Map<String, Object> byComponent = new LinkedHashMap<>();
        for (String c : r.energyComponents()) {
            byComponent.put(c, r.energyPj(c));
        }
        t.put("energy_pj_by_component", byComponent);
        Map<String, Object> bytes = new LinkedHashMap<>();
        for (String level : r.levels()) {
            bytes.put(level, r.bytes(level));
        }
        t.put("bytes_by_level", bytes);
        return t;
    }

    private static Map<String, Object> layer(LayerResult l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", l.index());
        m.put("name", l.name());
        m.put("type", l.kind());
        m.put("shape", l.shape());
        m.put("macs", l.macs());
        m.put("weights", l.weights());
        m.put("total_cycles", l.totalCycles());
        m.put("compute_cycles", l.computeCycles());
        m.put("stall_cycles", l.stallCycles());
        m.put("utilization", l.utilization());
        m.put("mapping", l.mapping());
        m.put("busy_cycles", l.busy());
        List<Object> traffic = new ArrayList<>();
        for (Traffic t : l.traffic()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("level", t.level());
            x.put("tensor", t.tensor());
            x.put("reads", t.reads());
            x.put("writes", t.writes());
            x.put("fills", t.fills());
            x.put("drains", t.drains());
            x.put("bytes", t.bytes());
            traffic.add(x);
        }
        m.put("traffic", traffic);
        List<Object> energy = new ArrayList<>();
        for (EnergyItem e : l.energy()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("component", e.component());
            x.put("detail", e.detail());
            x.put("count", e.count());
            x.put("unit_pj", e.unitPj());
            x.put("energy_pj", e.energyPj());
            energy.add(x);
        }
        m.put("energy", energy);
        m.put("energy_pj", l.energyPj());
        return m;
    }
}
