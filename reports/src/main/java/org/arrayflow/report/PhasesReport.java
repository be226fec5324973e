package org.arrayflow.report;

import org.arrayflow.io.Csv;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.io.Units;
import org.arrayflow.llm.LlmPhases;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An LLM run's phases: {@code phases.csv} (one row per phase, columns in docs/outputs.md) and the console table.
 * Every figure comes from {@link LlmPhases.Result}.
 */
public final class PhasesReport {
    public static final String FILE = "phases.csv";
    public static final List<String> COLUMNS = List.of("phase", "tokens", "batch", "latency_s", "latency_s_per_token",
            "tokens_per_s", "time_to_first_token_s", "time_per_output_token_s", "dram_bytes", "dram_bytes_per_token",
            "energy_j", "energy_j_per_token", "kv_cache_datatype", "kv_cache_bytes_per_token", "kv_cache_bytes",
            "simulated_steps", "latency_error_bound");

    private PhasesReport() {}

    public static void write(Path folder, LlmPhases.Result r) throws IOException {
        OutputFiles.writeString(folder.resolve(FILE), csv(r));
    }

    public static String csv(LlmPhases.Result r) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (LlmPhases.Phase p : r.phases()) {
            boolean prefill = p == r.prefill();
            List<String> row = new ArrayList<>();
            row.add(Csv.field(p.name()));
            row.add(String.valueOf(p.tokens()));
            row.add(String.valueOf(r.spec().batch()));
            row.add(Units.plain(p.seconds()));
            row.add(Units.plain(p.secondsPerToken()));
            row.add(Units.plain(p.tokensPerSecond()));
            row.add(prefill ? Units.plain(r.timeToFirstToken()) : "");
            row.add(prefill ? "" : Units.plain(r.timePerOutputToken()));
            row.add(Units.plain(Math.rint(p.dramBytes())));
            row.add(Units.plain(p.dramBytesPerToken()));
            row.add(Units.plain(p.energyJ()));
            row.add(Units.plain(p.energyJPerToken()));
            row.add(Csv.field(r.kvType().name()));
            row.add(String.valueOf(r.kvBytesPerToken()));
            row.add(String.valueOf(p.kvCacheBytes()));
            row.add(String.valueOf(p.simulatedSteps()));
            row.add(Units.plain(p.errorBound()));
            sb.append(String.join(",", row)).append('\n');
        }
        return sb.toString();
    }

    /** The console's lines: time to first token, time per output token, throughput, traffic and energy per token. */
    public static String table(LlmPhases.Result r) {
        StringBuilder sb = new StringBuilder();
        LlmPhases.Phase pre = r.prefill();
        LlmPhases.Phase dec = r.decode();
        sb.append(String.format(Locale.ROOT, "%s: prompt %d, generate %d, batch %d; KV cache %s, %,d bytes per token"
                + " (%,d bytes at the end)%n", r.spec().model().name(), r.spec().prompt(), r.spec().generate(),
                r.spec().batch(), r.kvType().name(), r.kvBytesPerToken(), dec.kvCacheBytes()));
        sb.append(String.format(Locale.ROOT, "%-8s %12s %12s %12s %14s %14s%n", "phase", "latency ms", "ms/token",
                "tokens/s", "DRAM MB/token", "uJ/token"));
        for (LlmPhases.Phase p : r.phases()) {
            sb.append(String.format(Locale.ROOT, "%-8s %12.6g %12.6g %12.6g %14.6g %14.6g%n", p.name(),
                    p.seconds() * 1e3, p.secondsPerToken() * 1e3, p.tokensPerSecond(), p.dramBytesPerToken() / 1e6,
                    p.energyJPerToken() * 1e6));
        }
        sb.append(String.format(Locale.ROOT, "time to first token %.6g ms, time per output token %.6g ms; decode from"
                + " %d simulated steps of %d, within %.2g %% of step by step%n", r.timeToFirstToken() * 1e3,
                r.timePerOutputToken() * 1e3, dec.simulatedSteps(), r.spec().generate(), dec.errorBound() * 100));
        return sb.toString();
    }
}
