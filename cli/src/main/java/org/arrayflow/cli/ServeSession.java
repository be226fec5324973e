package org.arrayflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.Bundled;
import org.arrayflow.config.ConfigException;
import org.arrayflow.config.YamlDocument;
import org.arrayflow.onnx.OnnxImport;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.pipeline.RunRequest;
import org.arrayflow.pipeline.Workloads;
import org.arrayflow.report.ResultJson;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.scalesim.ScaleSimConfig;
import org.arrayflow.sweep.ArchEdit;
import org.arrayflow.sweep.Axis;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests of {@code arrayflow serve}, one JSON object each, answered with one JSON object. Inputs are
 * read once: an architecture's parsed YAML and a workload's network (per batch) are kept by the text they
 * were read from, so a changed file is read again and an unchanged one never is. A request's {@code set}
 * edits the architecture as a sweep axis does (same checks, same messages).
 *
 * <p>Requests: {@code {"op": "run", "arch": A, "workload": W, "batch": N, "set": {"key.path": value},
 * "layers": true}} (an ONNX model also takes {@code "dims": {"seq": 512}} and {@code "unsupported": "as-vector"}),
 * {@code {"op": "compare", "archs": [...], "workloads": [...], "batch": N}}, {@code {"op":
 * "sweep", "file": F, "out": DIR}} (runs the sweep command in-process), {@code {"op": "ping"}}. Every reply
 * carries the request's {@code id} and {@code ok}; a failed one carries {@code error}, the one line the
 * command line would print.
 */
final class ServeSession {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Cached<T>(String text, T value) {}

    private final Map<String, Cached<YamlDocument>> archs = new LinkedHashMap<>();
    private final Map<String, Cached<org.arrayflow.workload.Network>> networks = new LinkedHashMap<>();
    private long requests;

    /** Answers one request line. Never throws: every failure is a reply. */
    String answer(String line) {
        ObjectNode reply = JSON.createObjectNode();
        JsonNode req;
        try {
            req = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return error(reply, "request is not JSON: " + e.getOriginalMessage()).toString();
        }
        if (req == null || !req.isObject()) {
            return error(reply, "a request is one JSON object per line").toString();
        }
        if (req.has("id")) {
            reply.set("id", req.get("id"));
        }
        requests++;
        try {
            String op = req.path("op").asText("");
            ObjectNode payload = JSON.createObjectNode();
            switch (op) {
                case "run" -> payload.set("result", run(req));
                case "compare" -> payload.set("results", compare(req));
                case "sweep" -> payload.setAll(sweep(req));
                case "ping" -> payload.put("requests", requests);
                default -> throw new IllegalArgumentException("unknown op '" + op + "' (run, compare, sweep, ping)");
            }
            reply.put("ok", true);
            reply.setAll(payload);
        } catch (ConfigException | IllegalArgumentException | org.arrayflow.dataflow.MappingException e) {
            error(reply, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            error(reply, "internal error: " + e);
        }
        return reply.toString();
    }

    private static ObjectNode error(ObjectNode reply, String message) {
        reply.put("ok", false);
        reply.put("error", message == null ? "error" : message.lines().findFirst().orElse(""));
        return reply;
    }

    private ObjectNode run(JsonNode req) {
        String arch = text(req, "arch");
        String workload = text(req, "workload");
        int batch = req.path("batch").asInt(0);
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be at least 1 (or left out: the workload's own)");
        }
        NetworkResult r;
        if (ScaleSimConfig.isConfigFile(arch) || Workloads.takesTopologyFormat(workload)) {
            if (req.has("set")) {
                throw new IllegalArgumentException("'set' edits YAML architectures only");
            }
            r = Pipeline.run(RunRequest.of(arch, workload, batch)).result();
        } else {
            r = Pipeline.simulate(architecture(arch, req.get("set")), network(workload, batch, req));
        }
        return result(r, req.path("layers").asBoolean(false));
    }

    private ArrayNode compare(JsonNode req) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode w : list(req, "workloads")) {
            for (JsonNode a : list(req, "archs")) {
                ObjectNode one = JSON.createObjectNode();
                one.put("arch", a.asText());
                one.put("workload", w.asText());
                for (String key : List.of("batch", "set", "dims", "unsupported")) {
                    if (req.has(key)) {
                        one.set(key, req.get(key));
                    }
                }
                out.add(run(one));
            }
        }
        return out;
    }

    /** Runs the sweep command in-process (same files, resumable); the reply names the folder and counts. */
    private ObjectNode sweep(JsonNode req) {
        List<String> args = new ArrayList<>(List.of("sweep", text(req, "file"), "--out", text(req, "out"), "--quiet"));
        if (req.has("threads")) {
            args.addAll(List.of("--threads", req.get("threads").asText()));
        }
        if (!req.path("charts").asBoolean(false)) {
            args.add("--no-charts");
        }
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int status = Main.execute(args.toArray(String[]::new), new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true));
        if (status != 0) {
            throw new IllegalArgumentException(err.toString().strip().lines().reduce((a, b) -> b).orElse("sweep failed"));
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("out", text(req, "out"));
        r.put("results", java.nio.file.Path.of(text(req, "out")).resolve("results.csv").toString());
        return r;
    }

    private Architecture architecture(String name, JsonNode set) {
        Bundled.Source src = Bundled.resolve(Bundled.ARCH, name);
        Cached<YamlDocument> c = archs.get(name);
        if (c == null || !c.text().equals(src.text())) {
            c = new Cached<>(src.text(), YamlDocument.parse(src.displayName(), src.text()));
            archs.put(name, c);
        }
        if (set == null || set.isNull()) {
            return ArchLoader.fromDocument(c.value());
        }
        if (!set.isObject()) {
            throw new IllegalArgumentException("'set' must be an object of architecture keys and values");
        }
        List<Axis> axes = new ArrayList<>();
        List<JsonNode> values = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            axes.add(new Axis(e.getKey(), List.of(e.getKey().split("\\.")), List.of(e.getValue())));
            values.add(e.getValue());
        }
        return ArchEdit.build(c.value(), axes, values);
    }

    private org.arrayflow.workload.Network network(String name, int batch, JsonNode req) {
        if (Workloads.isOnnx(name)) {
            return onnx(name, batch, req);
        }
        Bundled.Source src = Bundled.resolve(Bundled.WORKLOAD, name);
        String key = name + "\u0000" + batch;
        Cached<org.arrayflow.workload.Network> c = networks.get(key);
        if (c == null || !c.text().equals(src.text())) {
            c = new Cached<>(src.text(), Workloads.parse(name, src.displayName(), src.text(), batch, null));
            networks.put(key, c);
        }
        return c.value();
    }

    /**
     * An ONNX model at the request's {@code dims} ({@code {"seq": 512}}, as run's --dim) and {@code unsupported}; kept
     * while the file's size and modification time are what they were.
     */
    private org.arrayflow.workload.Network onnx(String name, int batch, JsonNode req) {
        JsonNode dims = req.path("dims");
        if (!dims.isMissingNode() && !dims.isObject()) {
            throw new IllegalArgumentException("'dims' must be an object of dimension names and values");
        }
        List<String> items = new ArrayList<>();
        dims.fields().forEachRemaining(e -> items.add(e.getKey() + "=" + e.getValue().asText()));
        String unsupported = req.has("unsupported") ? text(req, "unsupported") : null;
        OnnxImport.Options options = Workloads.onnxOptions(String.join(",", items), unsupported, "request");
        java.nio.file.Path file = java.nio.file.Path.of(name);
        String stamp;
        try {
            stamp = java.nio.file.Files.size(file) + "@" + java.nio.file.Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            stamp = "unreadable"; // the import below names the file and what is wrong
        }
        String key = name + "\u0000" + batch + "\u0000" + options;
        Cached<org.arrayflow.workload.Network> c = networks.get(key);
        if (c == null || !c.text().equals(stamp)) {
            c = new Cached<>(stamp, Workloads.read(name, batch, null, List.of(), options, 0).changes().after());
            networks.put(key, c);
        }
        return c.value();
    }

    /** The totals of result.json, and its layers (without traffic and energy items) when asked for. */
    private static ObjectNode result(NetworkResult r, boolean layers) {
        ObjectNode o = JSON.valueToTree(ResultJson.totals(r));
        if (layers) {
            ArrayNode a = o.putArray("layers");
            for (LayerResult l : r.layers()) {
                ObjectNode x = a.addObject();
                x.put("index", l.index());
                x.put("name", l.name());
                x.put("type", l.kind());
                x.put("shape", l.shape());
                x.put("macs", l.macs());
                x.put("total_cycles", l.totalCycles());
                x.put("compute_cycles", l.computeCycles());
                x.put("stall_cycles", l.stallCycles());
                x.put("utilization", l.utilization());
                x.put("energy_j", r.energyModelled() ? org.arrayflow.io.Units.joules(l.energyPj()) : null);
                x.put("dram_bytes", l.bytes("dram"));
            }
        }
        return o;
    }

    private static String text(JsonNode req, String key) {
        JsonNode v = req.get(key);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("'" + key + "' is required (a name or a path)");
        }
        return v.asText();
    }

    private static JsonNode list(JsonNode req, String key) {
        JsonNode v = req.get(key);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw new IllegalArgumentException("'" + key + "' must be a non-empty list");
        }
        return v;
    }
}
