package org.arrayflow.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.arrayflow.engine.EngineResult.TraceEvent;
import org.arrayflow.engine.EngineTrace;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.pipeline.RunOutput;
import org.arrayflow.pipeline.RunRequest;
import org.arrayflow.result.Activity;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.LayerResult.LayerInfo;
import org.arrayflow.result.LayerResult.Timing;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace is valid JSON whatever the names, and Perfetto can draw every complete event: on each (pid, tid)
 * track, sorted by start, an event either ends before the next starts or contains it whole. Checked on the
 * exact cycles in args and on ts/dur (whole nanoseconds, as Perfetto reads them), for the default job
 * (tpu-v1 x resnet50, whose DRAM loads overlap in time) and the other kinds.
 */
class TraceJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** One complete event's interval on its track, in cycles or in nanoseconds. */
    private record Span(long start, long end, String name) {}

    @Test
    void defaultJobNestsOnEveryTrack() throws Exception {
        RunOutput run = traced("tpu-v1", "resnet50");
        JsonNode trace = JSON.readTree(TraceJson.render(run.result()));
        Map<String, Integer> xs = checkNesting(trace);
        // the DRAM loads overlap (a transfer's latency runs on while the next one starts): two lanes
        assertThat(xs).containsKeys("dram / load", "dram / load #2", "array / compute", "layers");
        assertThat(xs.get("layers")).isEqualTo(72);
        long tasks = run.result().layers().stream().mapToLong(l -> l.trace().tasks().size()).sum();
        assertThat(xs.values().stream().mapToLong(Integer::longValue).sum()).isEqualTo(tasks + 72);
        checkCounters(trace, run.arch().sustainedDramGBps());
    }

    /** A small network for the tiled kind, whose traces run to hundreds of thousands of tasks on the bundled ones. */
    private static final String SMALL = String.join("\n", "format: arrayflow-workload/1", "name: small", "batch: 1",
            "input: {channels: 16, height: 28, width: 28}", "layers:",
            "  - {name: conv1, type: conv2d, filters: 32, kernel: 3, padding: 1}",
            "  - {name: pool1, type: maxpool, kernel: 2, stride: 2}",
            "  - {name: conv2, type: conv2d, filters: 64, kernel: 3, padding: 1}",
            "  - {name: fc, type: fc, outputs: 10}", "");

    @Test
    void everyKindAndScaleSimModeNest(@TempDir Path dir) throws Exception {
        Path small = dir.resolve("small.yaml");
        Files.writeString(small, SMALL);
        for (String[] job : new String[][] {{"eyeriss-v1", "alexnet-eyeriss-conv"}, {"fpga-vc707-zhang15", small.toString()},
                {"../validation/scalesim/scale_user_bw10_os.cfg", "../validation/scalesim/alexnet.csv"}}) {
            RunOutput run = traced(job[0], job[1]);
            JsonNode trace = JSON.readTree(TraceJson.render(run.result()));
            assertThat(checkNesting(trace)).as(job[0]).isNotEmpty();
            if (job[0].endsWith(".cfg")) {
                // SCALE-Sim: one interface per operand, each within its third of the DRAM's bandwidth
                checkCounters(trace, run.arch().sustainedDramGBps() / 3, "dram_ifmap", "dram_filter", "dram_ofmap");
            } else {
                checkCounters(trace, run.arch().sustainedDramGBps());
            }
        }
    }

    @Test
    void namesWithQuotesAndBackslashesRoundTrip() throws Exception {
        String name = "C\\1 \"big\"\n\t\u00e9\u20ac</script>";
        Precision words = Precision.of(Datatype.word(8), Datatype.word(8));
        EngineTrace t = new EngineTrace(List.of(new TraceEvent("dram", "load", "", 0, 12, 100, true, 10),
                new TraceEvent("array", "compute", "a \"pass\"", 12, 20, 8, false, 20)),
                List.of(new EngineTrace.BufferSample("buf", 0, 100, 400), new EngineTrace.BufferSample("buf", 20, 0, 400)));
        LayerResult l = new LayerResult(new LayerInfo(0, name, "conv2d", "1x1", 8, 1), new Timing(20, 8, 12, 0.1),
                List.of(), List.of(), new Activity(8, 0, words), Map.of(), Map.of(), t);
        NetworkResult r = new NetworkResult("arch \"x\"", "systolic", "a.yaml", "w\\y", "w.yaml", 1, 700, 4, List.of(l));
        JsonNode trace = JSON.readTree(TraceJson.render(r));
        List<String> names = new ArrayList<>();
        trace.get("traceEvents").forEach(e -> names.add(e.get("name").asText()));
        assertThat(names).contains("layer " + name, "a \"pass\" 8 cyc", "load 100 B");
        assertThat(trace.get("otherData").get("architecture").asText()).isEqualTo("arch \"x\"");
        assertThat(trace.get("otherData").get("workload").asText()).isEqualTo("w\\y");
        checkNesting(trace);
        // 100 B over the 10 cycles the channel is held: 10 B/cycle at 700 MHz = 7 GB/s, from 0 to 10
        List<JsonNode> bw = counters(trace, "dram bandwidth");
        assertThat(bw).hasSize(2);
        assertThat(bw.get(0).get("args").get("GB/s").decimalValue()).isEqualByComparingTo("7");
        assertThat(bw.get(1).get("ts").decimalValue()).isEqualByComparingTo("0.014"); // cycle 10 = 14.29 ns
        assertThat(bw.get(1).get("args").get("GB/s").decimalValue()).isEqualByComparingTo("0");
        assertThat(counters(trace, "buf occupancy")).extracting(e -> e.get("args").get("bytes").asLong())
                .containsExactly(100L, 0L);
    }

    private static RunOutput traced(String arch, String workload) {
        return Pipeline.run(new RunRequest(arch, workload, 0, Map.of(), true, "test"));
    }

    /** Checks the nesting rule on every track, in cycles and in nanoseconds; returns X events per track name. */
    static Map<String, Integer> checkNesting(JsonNode trace) {
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, List<JsonNode>> tracks = new LinkedHashMap<>();
        for (JsonNode e : trace.get("traceEvents")) {
            long key = e.get("pid").asLong() << 32 | (e.has("tid") ? e.get("tid").asLong() : 0);
            switch (e.get("ph").asText()) {
                case "M" -> {
                    if (e.get("name").asText().equals("thread_name")) {
                        names.put(key, e.get("args").get("name").asText());
                    }
                }
                case "X" -> tracks.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
                case "C" -> assertThat(e.has("tid")).isFalse();
                default -> throw new AssertionError("unexpected phase " + e);
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        tracks.forEach((key, events) -> {
            String track = names.get(key);
            assertThat(track).as("thread_name of tid " + (key & 0xffffffffL)).isNotNull();
            List<Span> cycles = new ArrayList<>();
            List<Span> ns = new ArrayList<>();
            for (JsonNode e : events) {
                String name = e.get("name").asText();
                cycles.add(new Span(e.get("args").get("start_cycle").asLong(), e.get("args").get("end_cycle").asLong(),
                        name));
                long ts = wholeNs(e.get("ts"));
                ns.add(new Span(ts, ts + wholeNs(e.get("dur")), name));
            }
            nested(track + " (cycles)", cycles);
            nested(track + " (ts/dur)", ns);
            counts.put(track, events.size());
        });
        return counts;
    }

    /** Sorted by start (the longer first on a tie), each event ends before the next starts or contains it. */
    private static void nested(String track, List<Span> spans) {
        spans.sort(Comparator.comparingLong(Span::start).thenComparing(Comparator.comparingLong(Span::end).reversed()));
        List<Span> open = new ArrayList<>();
        for (Span s : spans) {
            assertThat(s.end()).as(track + ": " + s).isGreaterThanOrEqualTo(s.start());
            while (!open.isEmpty() && open.get(open.size() - 1).end() <= s.start()) {
                open.remove(open.size() - 1);
            }
            if (!open.isEmpty()) {
                Span outer = open.get(open.size() - 1);
                assertThat(s.end()).as(track + ": " + s + " overlaps " + outer + " without nesting in it")
                        .isLessThanOrEqualTo(outer.end());
            }
            open.add(s);
        }
    }

    /** A ts or dur in microseconds that must be a whole number of nanoseconds. */
    private static long wholeNs(JsonNode v) {
        assertThat(v.isNumber()).as(v.toString()).isTrue();
        return v.decimalValue().multiply(BigDecimal.valueOf(1000)).longValueExact();
    }

    /** Bandwidth counters within each link's sustained rate, occupancy never negative; timestamps in order. */
    private static void checkCounters(JsonNode trace, double dramGBps) {
        checkCounters(trace, dramGBps, "dram");
    }

    private static void checkCounters(JsonNode trace, double linkGBps, String... links) {
        Map<String, BigDecimal> lastTs = new LinkedHashMap<>();
        for (JsonNode e : trace.get("traceEvents")) {
            if (!e.get("ph").asText().equals("C")) {
                continue;
            }
            String name = e.get("name").asText();
            BigDecimal ts = e.get("ts").decimalValue();
            BigDecimal before = lastTs.put(name, ts);
            assertThat(before == null || before.compareTo(ts) < 0).as(name + " at " + ts).isTrue();
            JsonNode v = e.get("args").elements().next();
            assertThat(v.decimalValue().signum()).as(name).isGreaterThanOrEqualTo(0);
            if (name.endsWith(" bandwidth")) {
                assertThat(v.doubleValue()).as(name + " at " + ts).isLessThanOrEqualTo(linkGBps * (1 + 1e-6));
            }
        }
        for (String link : links) {
            assertThat(lastTs).containsKey(link + " bandwidth");
        }
    }

    private static List<JsonNode> counters(JsonNode trace, String name) {
        List<JsonNode> out = new ArrayList<>();
        trace.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals("C") && e.get("name").asText().equals(name)) {
                out.add(e);
            }
        });
        return out;
    }
}
