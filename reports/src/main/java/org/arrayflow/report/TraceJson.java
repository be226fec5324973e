package org.arrayflow.report;

import org.arrayflow.engine.EngineResult;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chrome trace-event JSON (opens in Perfetto or chrome://tracing): one complete event ("ph":"X") per
 * task, one track per server and queue, layers laid end to end. Timestamps are microseconds at the
 * architecture's clock; each event's args carry the cycle numbers.
 */
public final class TraceJson {
    private TraceJson() {}

    public static void write(Path file, NetworkResult r) throws IOException {
        Map<String, Integer> tracks = new LinkedHashMap<>();
        double usPerCycle = 1.0 / r.clockMhz();
        OutputFiles.writeText(file, w -> {
            w.write("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
            boolean first = true;
            long offset = 0;
            for (LayerResult l : r.layers()) {
                first = event(w, first, "layer " + l.name(), "layer", "layers", tracks, offset, offset + l.totalCycles(),
                        usPerCycle);
                for (EngineResult.TraceEvent e : l.trace().tasks()) {
                    String track = e.server() + " / " + e.queue();
                    String name = e.queue().equals("compute") ? "compute " + e.amount() + " cyc"
                            : e.queue() + " " + e.amount() + " B";
                    first = event(w, first, name, e.queue(), track, tracks, offset + e.start(), offset + e.end(), usPerCycle);
                }
                offset += l.totalCycles();
            }
            for (Map.Entry<String, Integer> t : tracks.entrySet()) {
                w.write(",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":" + t.getValue()
                        + ",\"args\":{\"name\":\"" + t.getKey() + "\"}}");
            }
            w.write("\n]}\n");
        });
    }

    private static boolean event(Writer w, boolean first, String name, String cat, String track,
                                 Map<String, Integer> tracks, long start, long end, double usPerCycle) throws IOException {
        int tid = tracks.computeIfAbsent(track, k -> tracks.size() + 1);
        if (!first) {
            w.write(",\n");
        }
        w.write("{\"name\":\"" + name.replace("\"", "'") + "\",\"cat\":\"" + cat + "\",\"ph\":\"X\",\"pid\":1,\"tid\":"
                + tid + ",\"ts\":" + Fmt.fixed(start * usPerCycle, 4) + ",\"dur\":"
                + Fmt.fixed((end - start) * usPerCycle, 4) + ",\"args\":{\"start_cycle\":" + start + ",\"end_cycle\":"
                + end + "}}");
        return false;
    }
}
