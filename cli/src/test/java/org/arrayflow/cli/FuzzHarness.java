package org.arrayflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Mutates the bundled architectures, workloads and sweeps ({@link InputMutator}) and runs each through the
 * command line in-process with a deadline, sorting what happens into classes. Everything but {@link
 * Outcome#CLEAN}, {@link Outcome#POSITIONED}, {@link Outcome#WHOLE_FILE} and {@link Outcome#LAYER} is a defect.
 */
final class FuzzHarness {
    enum Outcome {
        /** exit 0, finite numbers in summary.csv and result.json */
        CLEAN,
        /** exit 2, one line, file:line:col */
        POSITIONED,
        /** exit 2, one line about the whole file (empty, binary, too large) */
        WHOLE_FILE,
        /** exit 2, one line naming the layer that cannot run on this architecture (no one key is at fault) */
        LAYER,
        /** exit 2, one line, no position though the input has one */
        UNPOSITIONED,
        /** exit 2 with several lines or a stack trace */
        MULTILINE,
        /** exit 0 with Infinity or NaN in the results */
        NON_FINITE,
        /** exit 1: an internal error */
        INTERNAL,
        /** an exception or error out of Main.execute */
        UNCAUGHT,
        OUT_OF_MEMORY,
        /** past the deadline */
        HANG
    }

    record Case(int index, String kind, String seed, List<String> mutations, Path file, List<String> args) {}

    record Result(Case c, Outcome outcome, String detail) {}

    private static final Pattern WHOLE = Pattern.compile("(the file is empty|the file has only comments|not a text file"
            + "|not a UTF-8 text file|the file has [\\d,]+ (bytes|characters)).*");
    private static final Pattern NON_FINITE_TEXT = Pattern.compile("\\b(-?Infinity|NaN)\\b");

    private final Path dir;
    private final long deadlineMs;
    private final List<Path> archs = new ArrayList<>();
    private final List<Path> workloads = new ArrayList<>();
    private final List<Path> sweeps = new ArrayList<>();
    private final Path tiny;

    FuzzHarness(Path root, Path dir, long deadlineMs) throws IOException {
        this.dir = dir;
        this.deadlineMs = deadlineMs;
        try (var s = Files.list(root.resolve("arch-configs"))) {
            s.sorted().forEach(archs::add);
        }
        // datatypes, sparsity and compression keys: the Eyeriss case's RLC, and a systolic array with all of them
        archs.add(root.resolve("validation/arch/eyeriss-v1-jssc17.yaml"));
        archs.add(Files.writeString(dir.resolve("sparse-array.yaml"), String.join("\n", "format: arrayflow-arch/1",
                "name: sparse-array", "type: systolic", "clock_mhz: 1000", "word_bits: 8", "dataflow: weight-stationary",
                "pe_array: {rows: 8, cols: 8, accumulator_bits: 32}",
                "datatypes: {int8: {macs_per_cycle: 2}, int16: {macs_per_cycle: 1, mac_pj: 0.5}, fallback: int16}",
                "sparsity:", "  structured: {pattern: \"2:4\", metadata_bits: 2}", "  zero_gating: [ifmap]",
                "  compression:", "    ifmap: {format: rlc, run_bits: 4, pack_bits: 32, levels: [dram], layers: [\"conv*\"]}",
                "    ofmap: {format: bitmask, levels: [dram, ofmap_sram]}",
                "memory:", "  ifmap_sram: {size_kib: 16}", "  filter_sram: {size_kib: 16}", "  ofmap_sram: {size_kib: 16}",
                "  dram: {bandwidth_gb_s: 8, latency_cycles: 10}", "energy: {mac_pj: 0.2}", "")));
        for (String w : List.of("alexnet", "resnet50", "mobilenet-v2", "vgg16-svd", "bert-base", "alexnet-eyeriss")) {
            workloads.add(root.resolve("workloads").resolve(w + ".yaml"));
        }
        workloads.add(root.resolve("validation/workloads/alexnet-eyeriss-conv-jssc17.yaml"));
        sweeps.add(root.resolve("sweeps").resolve("tpu-array-size.yaml"));
        tiny = Files.writeString(dir.resolve("tiny.yaml"), String.join("\n", "format: arrayflow-workload/1", "name: tiny",
                "input: {channels: 4, height: 8, width: 8}", "layers:",
                "  - {name: conv1, type: conv2d, filters: 8, kernel: 3, padding: 1}",
                "  - {name: fc, type: fc, outputs: 10}", ""));
        workloads.add(Files.writeString(dir.resolve("tiny-compressed.yaml"), String.join("\n",
                "format: arrayflow-workload/1", "name: tiny-compressed", "tensors: {ifmap: {datatype: int8, density: 0.6}}",
                "input: {channels: 4, height: 8, width: 8}", "layers:",
                "  - {name: conv1, type: conv2d, filters: 8, kernel: 3, padding: 1, tensors: {weight: {density: \"2:4\"}}}",
                "  - {name: conv2, type: conv2d, filters: 16, kernel: 3, padding: 1}",
                "  - {name: fc, type: fc, outputs: 10, tensors: {weight: {datatype: int4, density: 0.3}}}",
                "transforms:", "  - prune: {conv2: 0.5}", "  - quantize: {layers: \"fc\", psum: int16}",
                "  - low_rank: {conv2: [2, 8]}", "")));
        workloads.add(tiny);
    }

    /** The {@code i}-th input of the run seeded with {@code seed}: the same case on every machine. */
    Case make(long seed, int i) throws IOException {
        Random r = new Random(seed * 1_000_003L + i);
        int kind = r.nextInt(10);
        Path source = kind < 5 ? archs.get(r.nextInt(archs.size())) : kind < 9 ? workloads.get(r.nextInt(workloads.size()))
                : sweeps.get(r.nextInt(sweeps.size()));
        List<String> applied = new ArrayList<>();
        byte[] bytes = new InputMutator(r).mutate(Files.readString(source), applied);
        Path file = dir.resolve("in-" + i + ".yaml");
        Files.write(file, bytes);
        Path out = dir.resolve("out-" + i);
        List<String> args;
        String what;
        if (kind < 5) {
            what = "arch";
            args = List.of("run", "--arch", file.toString(), "--workload", tiny.toString(), "--no-charts", "--out",
                    out.toString());
        } else if (kind < 9) {
            what = "workload";
            args = List.of("run", "--arch", "tpu-v1", "--workload", file.toString(), "--no-charts", "--out", out.toString());
        } else {
            what = "sweep";
            args = List.of("check", file.toString());
        }
        return new Case(i, what, source.getFileName().toString(), applied, file, args);
    }

    Result run(Case c) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(Main.execute(c.args().toArray(String[]::new), new PrintWriter(out, true),
                        new PrintWriter(err, true)));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "fuzz-" + c.index());
        t.setDaemon(true);
        t.start();
        int status;
        try {
            status = f.get(deadlineMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Result(c, Outcome.HANG, "still running after " + deadlineMs + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Result(c, cause instanceof OutOfMemoryError ? Outcome.OUT_OF_MEMORY : Outcome.UNCAUGHT,
                    String.valueOf(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(c, Outcome.HANG, "interrupted");
        }
        String e = err.toString().strip();
        if (status == 0) {
            String bad = nonFinite(c);
            return bad == null ? new Result(c, Outcome.CLEAN, "") : new Result(c, Outcome.NON_FINITE, bad);
        }
        if (status != 2) {
            return new Result(c, Outcome.INTERNAL, e);
        }
        if (e.lines().count() != 1 || e.contains("\tat ") || e.contains("Exception")) {
            return new Result(c, Outcome.MULTILINE, e);
        }
        String f0 = c.file().toString();
        if (e.matches("\\S+:\\d+:\\d+: .*")) {
            return new Result(c, Outcome.POSITIONED, e);
        }
        if (e.startsWith(f0 + ": ") && WHOLE.matcher(e.substring(f0.length() + 2)).matches()) {
            return new Result(c, Outcome.WHOLE_FILE, e);
        }
        if (e.startsWith("arrayflow: error: layer '")) {
            return new Result(c, Outcome.LAYER, e);
        }
        return new Result(c, Outcome.UNPOSITIONED, e);
    }

    /** The first Infinity or NaN in the run's summary.csv or result.json, or null. */
    private static String nonFinite(Case c) {
        int i = c.args().indexOf("--out");
        if (i < 0) {
            return null;
        }
        Path out = Path.of(c.args().get(i + 1));
        for (String name : List.of("summary.csv", "result.json")) {
            Path f = out.resolve(name);
            try {
                if (Files.isRegularFile(f)) {
                    var m = NON_FINITE_TEXT.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    if (m.find()) {
                        return name + ": " + m.group();
                    }
                }
            } catch (IOException e) {
                return name + ": " + e;
            }
        }
        return null;
    }

    /** Counts by outcome, and the first few results of each defect class. */
    static String report(List<Result> results) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        StringBuilder examples = new StringBuilder();
        Map<Outcome, Integer> shown = new EnumMap<>(Outcome.class);
        for (Result r : results) {
            counts.merge(r.outcome(), 1, Integer::sum);
            if (defect(r.outcome()) && shown.merge(r.outcome(), 1, Integer::sum) <= 5) {
                examples.append("  ").append(r.outcome()).append(" #").append(r.c().index()).append(' ')
                        .append(r.c().kind()).append(' ').append(r.c().seed()).append(' ').append(r.c().mutations())
                        .append(": ").append(r.detail().lines().findFirst().orElse("")).append('\n');
            }
        }
        return counts + "\n" + examples;
    }

    static boolean defect(Outcome o) {
        return o != Outcome.CLEAN && o != Outcome.POSITIONED && o != Outcome.WHOLE_FILE && o != Outcome.LAYER;
    }
}
