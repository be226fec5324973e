package org.arrayflow.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.io.Units;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.TensorFigures;
import org.arrayflow.result.Traffic;
import org.arrayflow.tensor.Tensor;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code result.json}: the exact inputs (file names and full text), network totals, and every layer with
 * its traffic, its energy as count x unit cost line items, and its mapping. Keys in fixed order; units as in
 * every output (seconds, joules, bytes; unit costs and energy per MAC in pJ, as the energy tables state them). When the
 * inputs have no energy figures the energies are null, the line items empty, and the totals say why.
 */
public final class ResultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {}

    /**
     * The inputs of a run, recorded verbatim.
     *
     * @param options the run's options by name, each a String, a Number, a Boolean or a list of Strings (written as
     *                that JSON type)
     */
    public record Inputs(String archName, String archText, String workloadName, String workloadText,
                         Map<String, Object> options) {
        public Inputs {
            options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    public static void write(Path file, NetworkResult r, Inputs inputs) throws IOException {
        OutputFiles.writeText(file, w -> write(w, r, inputs));
    }

    public static String render(NetworkResult r, Inputs inputs) throws IOException {
        StringWriter w = new StringWriter();
        write(w, r, inputs);
        return w.toString();
    }

    /** Streams the document layer by layer: a 10,000-layer result is never held as one tree or one string. */
    private static void write(Writer out, NetworkResult r, Inputs inputs) throws IOException {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("architecture", Map.of("name", inputs.archName(), "text", inputs.archText()));
        in.put("workload", Map.of("name", inputs.workloadName(), "text", inputs.workloadText()));
        in.put("options", new LinkedHashMap<>(inputs.options()));
        try (JsonGenerator g = new CachedDoubleGenerator(MAPPER.writer(printer()).createGenerator(out))) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("format", "arrayflow-result/1");
            g.writeObjectField("inputs", sorted(in));
            g.writeObjectField("totals", totals(r));
            g.writeArrayFieldStart("layers");
            boolean tensors = TensorFigures.stated(r);
            for (LayerResult l : r.layers()) {
                layer(g, l, r.energyModelled(), tensors);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write("\n");
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

    /** The totals alone as one JSON document, indented as result.json is, with a final newline ({@code run --json}). */
    public static String renderTotals(NetworkResult r) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = MAPPER.writer(printer()).createGenerator(w)) {
            g.writeObject(totals(r));
        }
        return w + "\n";
    }

    private static DefaultPrettyPrinter printer() {
        return new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    }

    /** The totals of a result, as result.json writes them (also the replies of {@code arrayflow serve}). */
    public static Map<String, Object> totals(NetworkResult r) {
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
        t.put("latency_s", r.seconds());
        boolean priced = r.energyModelled();
        t.put("energy_j", priced ? Units.joules(r.energyPj()) : null);
        t.put("energy_pj_per_mac", !priced ? null : r.macs() == 0 ? 0 : r.energyPj() / r.macs());
        Map<String, Object> byComponent = new LinkedHashMap<>();
        for (String c : r.energyComponents()) {
            byComponent.put(c, priced ? Units.joules(r.energyPj(c)) : null);
        }
        t.put("energy_j_by_component", byComponent);
        if (!priced) {
            t.put("energy_not_modelled", r.energyNotModelled());
        }
        Map<String, Object> bytes = new LinkedHashMap<>();
        for (String level : r.levels()) {
            bytes.put(level, r.bytes(level));
        }
        t.put("bytes_by_level", bytes);
        if (TensorFigures.stated(r)) {
            t.put("macs_skipped", TensorFigures.skippedMacs(r));
            t.put("macs_gated", TensorFigures.gatedMacs(r));
            t.put("nonzero_weights", TensorFigures.nonzeroWeights(r));
        }
        return t;
    }

    /** One layer, written field by field (a map per layer would cost more than the writing). */
    private static void layer(JsonGenerator g, LayerResult l, boolean priced, boolean tensors) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", l.index());
        g.writeStringField("name", l.name());
        g.writeStringField("type", l.kind());
        g.writeStringField("shape", l.shape());
        g.writeNumberField("macs", l.macs());
        g.writeNumberField("weights", l.weights());
        g.writeNumberField("total_cycles", l.totalCycles());
        g.writeNumberField("compute_cycles", l.computeCycles());
        g.writeNumberField("stall_cycles", l.stallCycles());
        g.writeNumberField("utilization", l.utilization());
        if (tensors) {
            g.writeObjectFieldStart("tensors");
            for (Tensor t : Tensor.values()) {
                g.writeObjectFieldStart(t.label());
                g.writeStringField("datatype", TensorFigures.datatype(l, t));
                g.writeStringField("density", TensorFigures.density(l, t));
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeNumberField("macs_skipped", l.activity().skippedMacs());
            g.writeNumberField("macs_gated", l.activity().gatedMacs());
            g.writeNumberField("nonzero_weights", TensorFigures.nonzeroWeights(l));
        }
        g.writeObjectFieldStart("mapping");
        for (Map.Entry<String, String> e : l.mapping().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("busy_cycles");
        for (Map.Entry<String, Long> e : l.busy().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("traffic");
        for (Traffic t : l.traffic()) {
            g.writeStartObject();
            g.writeStringField("level", t.level());
            g.writeStringField("tensor", t.tensor());
            g.writeNumberField("reads", t.reads());
            g.writeNumberField("writes", t.writes());
            g.writeNumberField("fills", t.fills());
            g.writeNumberField("drains", t.drains());
            g.writeNumberField("bytes", t.bytes());
            if (tensors && TensorFigures.compressed(l, t)) {
                g.writeNumberField("uncompressed_bytes", TensorFigures.uncompressedBytes(l, t));
                g.writeNumberField("metadata_bytes", TensorFigures.metadataBytes(l, t));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("energy");
        for (EnergyItem e : priced ? l.energy() : List.<EnergyItem>of()) {
            g.writeStartObject();
            g.writeStringField("component", e.component());
            g.writeStringField("detail", e.detail());
            g.writeNumberField("count", e.count());
            g.writeNumberField("unit_pj", e.unitPj());
            g.writeNumberField("energy_j", Units.joules(e.energyPj()));
            g.writeEndObject();
        }
        g.writeEndArray();
        if (priced) {
            g.writeNumberField("energy_j", Units.joules(l.energyPj()));
        } else {
            g.writeNullField("energy_j");
        }
        g.writeEndObject();
    }
}
