package org.arrayflow.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import org.arrayflow.engine.EngineResult.TraceEvent;
import org.arrayflow.engine.EngineTrace;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chrome trace-event JSON (opens in Perfetto or chrome://tracing), written with Jackson so every name
 * round-trips. Layers are laid end to end on one track; each server and queue has a track per lane, a task
 * taking the lowest-numbered lane free when it starts, so complete events ("ph":"X") on one track never
 * overlap (a DRAM link's transfers overlap in time: its latency runs on while later transfers start).
 * Counter tracks ("ph":"C") give each link's bandwidth and each buffer's occupancy over time.
 *
 * <p>Times: {@code ts} and {@code dur} are microseconds at the architecture's clock, rounded to whole
 * nanoseconds per endpoint (a cycle's instant is converted once, so events that meet in cycles meet exactly);
 * every event's args carry the exact cycles. See docs/outputs.md.
 */
public final class TraceJson {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final int PID = 1;

    private TraceJson() {}

    public static void write(Path file, NetworkResult r) throws IOException {
        OutputFiles.writeText(file, w -> write(w, r));
    }

    public static String render(NetworkResult r) throws IOException {
        StringWriter w = new StringWriter();
        write(w, r);
        return w.toString();
    }

    private static void write(Writer out, NetworkResult r) throws IOException {
        Clock clock = new Clock(r.clockMhz());
        // first pass: lanes, layer spans and counters; the tracks' ids follow once every lane is known
        Map<String, List<Long>> laneEnds = new LinkedHashMap<>();
        List<int[]> lanes = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        Map<String, TreeMap<Long, double[]>> bandwidth = new LinkedHashMap<>();
        Map<String, TreeMap<Long, Long>> occupancy = new LinkedHashMap<>();
        long offset = 0;
        for (LayerResult l : r.layers()) {
            offsets.add(offset);
            EngineTrace t = l.trace();
            lanes.add(place(t.tasks(), offset, laneEnds));
            long span = span(l);
            for (TraceEvent e : t.tasks()) {
                if (e.link() && e.released() > e.start()) {
                    // the transfer's bytes spread over the cycles it holds its channel
                    TreeMap<Long, double[]> m = bandwidth.computeIfAbsent(e.server(), k -> new TreeMap<>());
                    double rate = (double) e.amount() / (e.released() - e.start());
                    add(m, offset + e.start(), rate, 1);
                    add(m, offset + e.released(), -rate, -1);
                }
            }
            occupancy(t.buffers(), offset, span, occupancy);
            offset += span;
        }
        // tracks in first-seen order, the lanes of one after each other; tid 1 is the layers'
        Map<String, Integer> tids = new LinkedHashMap<>();
        Map<String, Integer> firstTid = new LinkedHashMap<>();
        tids.put("layers", 1);
        laneEnds.forEach((track, ends) -> {
            firstTid.put(track, tids.size() + 1);
            for (int i = 0; i < ends.size(); i++) {
                tids.put(i == 0 ? track : track + " #" + (i + 1), tids.size() + 1);
            }
        });

        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new OneEventPerLine());
            g.writeStartObject();
            g.writeArrayFieldStart("traceEvents");
            metadata(g, "process_name", null, r.arch() + " / " + r.workload() + " (batch " + r.batch() + ")");
            for (Map.Entry<String, Integer> t : tids.entrySet()) {
                metadata(g, "thread_name", t.getValue(), t.getKey());
                g.writeStartObject();
                g.writeStringField("name", "thread_sort_index");
                g.writeStringField("ph", "M");
                g.writeNumberField("pid", PID);
                g.writeNumberField("tid", t.getValue());
                g.writeObjectFieldStart("args");
                g.writeNumberField("sort_index", t.getValue());
                g.writeEndObject();
                g.writeEndObject();
            }
            for (int i = 0; i < r.layers().size(); i++) {
                LayerResult l = r.layers().get(i);
                long start = offsets.get(i);
                layer(g, clock, l, start, start + span(l));
                List<TraceEvent> tasks = l.trace().tasks();
                for (int j = 0; j < tasks.size(); j++) {
                    TraceEvent e = tasks.get(j);
                    task(g, clock, e, start, firstTid.get(track(e)) + lanes.get(i)[j]);
                }
            }
            for (Map.Entry<String, TreeMap<Long, double[]>> b : bandwidth.entrySet()) {
                counters(g, clock, b.getKey() + " bandwidth", "GB/s", rates(b.getValue(), r.clockMhz()));
            }
            for (Map.Entry<String, TreeMap<Long, Long>> o : occupancy.entrySet()) {
                Map<Long, BigDecimal> bytes = new TreeMap<>();
                o.getValue().forEach((c, b) -> bytes.put(c, BigDecimal.valueOf(b)));
                counters(g, clock, o.getKey() + " occupancy", "bytes", bytes);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("otherData");
            g.writeStringField("format", "arrayflow-trace/1");
            g.writeStringField("architecture", r.arch());
            g.writeStringField("workload", r.workload());
            g.writeNumberField("clock_mhz", r.clockMhz());
            g.writeStringField("time", "ts and dur in microseconds, each endpoint rounded to a whole nanosecond; "
                    + "exact cycles in args");
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write("\n");
    }

    /** Cycles a layer takes on the trace: its total, or longer if a task ends later (SCALE-Sim's restated totals). */
    private static long span(LayerResult l) {
        long end = l.totalCycles();
        for (TraceEvent e : l.trace().tasks()) {
            end = Math.max(end, e.end());
        }
        return end;
    }

    /** Each task on the lowest lane of its track that is free when it starts (tasks taken in start order). */
    private static int[] place(List<TraceEvent> tasks, long offset, Map<String, List<Long>> laneEnds) {
        Integer[] order = new Integer[tasks.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(tasks.get(a).start(), tasks.get(b).start()));
        int[] out = new int[tasks.size()];
        for (int i : order) {
            TraceEvent e = tasks.get(i);
            List<Long> ends = laneEnds.computeIfAbsent(track(e), k -> new ArrayList<>());
            long start = offset + e.start();
            int lane = 0;
            while (lane < ends.size() && ends.get(lane) > start) {
                lane++;
            }
            if (lane == ends.size()) {
                ends.add(offset + e.end());
            } else {
                ends.set(lane, offset + e.end());
            }
            out[i] = lane;
        }
        return out;
    }

    private static String track(TraceEvent e) {
        return e.server() + " / " + e.queue();
    }

    private static void add(TreeMap<Long, double[]> m, long cycle, double rate, int count) {
        double[] d = m.computeIfAbsent(cycle, k -> new double[2]);
        d[0] += rate;
        d[1] += count;
    }

    /** A link's bandwidth at every change, in GB/s (bytes per cycle x clock), to 6 decimals. */
    private static Map<Long, BigDecimal> rates(TreeMap<Long, double[]> m, double clockMhz) {
        Map<Long, BigDecimal> out = new TreeMap<>();
        double sum = 0;
        long active = 0;
        BigDecimal last = null;
        for (Map.Entry<Long, double[]> e : m.entrySet()) {
            sum += e.getValue()[0];
            active += (long) e.getValue()[1];
            // no transfer in flight is exactly zero, whatever the rounding of the sum
            double gbps = active == 0 ? 0 : sum * clockMhz / 1e3;
            BigDecimal v = BigDecimal.valueOf(Math.round(gbps * 1e6), 6).stripTrailingZeros();
            if (last == null || v.compareTo(last) != 0) {
                out.put(e.getKey(), v);
                last = v;
            }
        }
        return out;
    }

    /**
     * A layer's occupancy changes on the trace's cycles: every buffer starts the layer empty (each layer is its
     * own engine run) and is shown empty after it; at one cycle the last change holds.
     */
    private static void occupancy(List<EngineTrace.BufferSample> samples, long offset, long span,
                                  Map<String, TreeMap<Long, Long>> occupancy) {
        Map<String, TreeMap<Long, Long>> layer = new LinkedHashMap<>();
        for (EngineTrace.BufferSample s : samples) {
            layer.computeIfAbsent(s.buffer(), k -> new TreeMap<>(Map.of(offset, 0L))).put(offset + s.cycle(), s.bytes());
        }
        layer.forEach((buffer, m) -> {
            if (m.lastEntry().getValue() != 0) {
                m.put(offset + span, 0L);
            }
            occupancy.computeIfAbsent(buffer, k -> new TreeMap<>()).putAll(m);
        });
    }

    private static void metadata(JsonGenerator g, String name, Integer tid, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("ph", "M");
        g.writeNumberField("pid", PID);
        if (tid != null) {
            g.writeNumberField("tid", tid);
        }
        g.writeObjectFieldStart("args");
        g.writeStringField("name", value);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void layer(JsonGenerator g, Clock clock, LayerResult l, long start, long end) throws IOException {
        begin(g, clock, "layer " + l.name(), "layer", 1, start, end);
        g.writeNumberField("index", l.index());
        g.writeNumberField("total_cycles", l.totalCycles());
        g.writeNumberField("compute_cycles", l.computeCycles());
        g.writeNumberField("stall_cycles", l.stallCycles());
        Map<String, Long> capacity = new LinkedHashMap<>();
        for (EngineTrace.BufferSample s : l.trace().buffers()) {
            capacity.putIfAbsent(s.buffer(), s.capacity());
        }
        if (!capacity.isEmpty()) {
            g.writeObjectFieldStart("buffer_capacity_bytes");
            for (Map.Entry<String, Long> c : capacity.entrySet()) {
                g.writeNumberField(c.getKey(), c.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void task(JsonGenerator g, Clock clock, TraceEvent e, long offset, int tid) throws IOException {
        String what = e.label().isEmpty() ? e.queue() : e.label();
        begin(g, clock, what + " " + e.amount() + (e.link() ? " B" : " cyc"), e.queue(), tid, offset + e.start(),
                offset + e.end());
        if (e.link()) {
            g.writeNumberField("channel_released_cycle", offset + e.released());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A complete event up to its open args (start and end cycles written); the caller adds args and closes both. */
    private static void begin(JsonGenerator g, Clock clock, String name, String cat, int tid, long start, long end)
            throws IOException {
        long ts = clock.ns(start);
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("cat", cat);
        g.writeStringField("ph", "X");
        g.writeNumberField("pid", PID);
        g.writeNumberField("tid", tid);
        g.writeFieldName("ts");
        g.writeNumber(BigDecimal.valueOf(ts, 3));
        g.writeFieldName("dur");
        g.writeNumber(BigDecimal.valueOf(clock.ns(end) - ts, 3));
        g.writeObjectFieldStart("args");
        g.writeNumberField("start_cycle", start);
        g.writeNumberField("end_cycle", end);
    }

    /** A counter track: one sample per change, the value holding until the next. */
    private static void counters(JsonGenerator g, Clock clock, String name, String key, Map<Long, BigDecimal> values)
            throws IOException {
        for (Map.Entry<Long, BigDecimal> v : values.entrySet()) {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeStringField("ph", "C");
            g.writeNumberField("pid", PID);
            g.writeFieldName("ts");
            g.writeNumber(BigDecimal.valueOf(clock.ns(v.getKey()), 3));
            g.writeObjectFieldStart("args");
            g.writeNumberField(key, v.getValue());
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** Cycle to nanoseconds, rounded: monotone, so cycles in order stay in order (ties at most). */
    private record Clock(double mhz) {
        long ns(long cycle) {
            return Math.round(cycle * 1e3 / mhz);
        }
    }

    /** Compact JSON with each trace event on its own line (the document has one array: the events). */
    private static final class OneEventPerLine extends MinimalPrettyPrinter {
        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw("[\n");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(",\n");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            g.writeRaw("\n]");
        }
    }
}
