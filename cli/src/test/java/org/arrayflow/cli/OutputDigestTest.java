package org.arrayflow.cli;

import org.arrayflow.config.Bundled;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards every user-visible output against unintended change: runs each command the way a user would
 * (in-process), hashes what it writes, and compares with {@code tools/output-digests.tsv}. Covered: every
 * bundled architecture x every bundled workload through {@code run} (layers.csv, result.json, summary.csv,
 * report.html, the terminal output and exit status; an input error's message for pairs that cannot run) but the
 * LLMs, which take seconds each at their own lengths (GPT-2 at 128 + 64 tokens on two arrays stands for them, with
 * its phases.csv), the
 * SCALE-Sim reports of every validation configuration x topology (and the stall emulation on the GEMM
 * goldens), {@code validate}'s CSV, {@code reproduce eyeriss-isca16}'s CSV and summary, a bundled sweep's
 * results, a {@code compare} across the three kinds, {@code fusion}'s table and {@code roofline}'s CSV.
 *
 * <p>A change that is meant to alter an output regenerates the file ({@code tools/check-outputs.sh --update})
 * and says in its commit which outputs changed and why. On a mismatch the files written are kept under
 * {@code target/output-digests/} for a diff against a checkout of the previous commit.
 */
class OutputDigestTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path MANIFEST = ROOT.resolve("tools/output-digests.tsv");
    static final Path WORK = Path.of("target/output-digests").toAbsolutePath();
    static final String UPDATE = "arrayflow.updateDigests";

    /** One command line and the files it writes (relative to its output folder) whose bytes are kept. */
    record Case(String id, List<String> args, List<String> files, boolean hashStdout) {}

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        List<String> runFiles = List.of("layers.csv", "result.json", "summary.csv", "report.html");
        for (String arch : Bundled.list(Bundled.ARCH)) {
            for (String wl : Bundled.list(Bundled.WORKLOAD)) {
                if (wl.startsWith("llm/")) {
                    continue; // LLMs at their bundled lengths take seconds each: short runs of them below
                }
                out.add(new Case("run/" + arch + "/" + wl.replace('/', '_'),
                        List.of("run", "--arch", arch, "--workload", wl, "--out", "{out}", "--no-charts"), runFiles, true));
            }
        }
        List<String> llmFiles = new ArrayList<>(runFiles);
        llmFiles.add("phases.csv");
        for (String arch : List.of("tpu-v1", "systolic-32x32")) {
            out.add(new Case("run/" + arch + "/llm_gpt2-128-64", List.of("run", "--arch", arch, "--workload", "llm/gpt2",
                    "--prompt", "128", "--generate", "64", "--out", "{out}", "--no-charts"), llmFiles, true));
        }
        Path ss = ROOT.resolve("validation/scalesim");
        List<String> reports = List.of("COMPUTE_REPORT.csv", "BANDWIDTH_REPORT.csv", "DETAILED_ACCESS_REPORT.csv",
                "layers.csv", "result.json", "summary.csv");
        for (Path cfg : sorted(ss, ".cfg")) {
            for (Path csv : sorted(ss, ".csv")) {
                String id = "scalesim/" + name(cfg) + "/" + name(csv);
                List<String> args = new ArrayList<>(List.of("run", "--arch", cfg.toString(), "--workload", csv.toString(),
                        "--report-format", "scalesim", "--out", "{out}", "--no-charts"));
                out.add(new Case(id, args, reports, true));
                if (name(cfg).contains("user") && name(csv).startsWith("gemm")) {
                    List<String> emulated = new ArrayList<>(args);
                    emulated.addAll(List.of("--stall-model", "scalesim"));
                    out.add(new Case(id + "/stall-scalesim", emulated, reports, true));
                }
            }
        }
        out.add(new Case("validate", List.of("validate", ROOT.resolve("validation").toString(), "--csv",
                "{out}/validation.csv"), List.of("validation.csv"), true));
        out.add(new Case("reproduce/eyeriss-isca16", List.of("reproduce", "eyeriss-isca16", "--out", "{out}"),
                List.of("comparison.csv", "summary.md"), false));
        out.add(new Case("sweep/tpu-array-size", List.of("sweep", "tpu-array-size", "--out", "{out}", "--no-charts",
                "--quiet", "--threads", "1"), List.of("results.csv", "summary.txt"), false));
        out.add(new Case("compare/three-kinds", List.of("compare", "--arch", "tpu-v1", "--arch", "eyeriss-v1", "--arch",
                "fpga-vc707-zhang15", "--workload", "alexnet", "--out", "{out}", "--no-charts", "--jobs", "1"),
                List.of("summary.csv", "report.html", "runs/tpu-v1__alexnet/layers.csv",
                        "runs/eyeriss-v1__alexnet/layers.csv",
                        "runs/fpga-vc707-zhang15__alexnet/layers.csv"), true));
        out.add(new Case("fusion/vgg19-auto", List.of("fusion", "--arch", "fpga-fused-vgg", "--workload", "vgg19",
                "--fuse", "auto", "--out", "{out}", "--no-charts"), List.of("fusion.csv"), true));
        out.add(new Case("fusion/vgg19-reuse-tile1", List.of("fusion", "--arch", "fpga-fused-vgg", "--workload", "vgg19",
                "--fuse", "conv1_1..conv3_1", "--fusion-strategy", "reuse", "--tile", "1", "--out", "{out}",
                "--no-charts"), List.of("fusion.csv"), true));
        out.add(new Case("roofline/tpu-v1", List.of("roofline", "--arch", "tpu-v1", "--workload", "tpu/mlp0", "tpu/mlp1",
                "tpu/lstm0", "tpu/lstm1", "tpu/cnn0", "tpu/cnn1", "--out", "{out}"), List.of("weight_roofline.csv"), true));
        return out;
    }

    @Test
    void outputsMatchTheRecordedDigests() throws Exception {
        Map<String, String> actual = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<Map<String, String>>> futures = new ArrayList<>();
            for (Case c : cases()) {
                futures.add(pool.submit(() -> digest(c)));
            }
            for (Future<Map<String, String>> f : futures) {
                actual.putAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        if (Boolean.getBoolean(UPDATE)) {
            StringBuilder sb = new StringBuilder("# output\tsha256 (written by OutputDigestTest; regenerate with "
                    + "tools/check-outputs.sh --update and name the change in the commit)\n");
            actual.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
            Files.writeString(MANIFEST, sb.toString(), StandardCharsets.UTF_8);
            return;
        }
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(MANIFEST, StandardCharsets.UTF_8)) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] kv = line.split("\t");
                expected.put(kv[0], kv[1]);
            }
        }
        List<String> differ = new ArrayList<>();
        for (String k : union(expected, actual)) {
            if (!String.valueOf(expected.get(k)).equals(String.valueOf(actual.get(k)))) {
                differ.add(k + (expected.containsKey(k) ? actual.containsKey(k) ? "" : " (not written)" : " (new)"));
            }
        }
        assertThat(differ).as("outputs that differ from " + MANIFEST + " (files kept in " + WORK + ")").isEmpty();
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        TreeMap<String, String> all = new TreeMap<>(a);
        all.putAll(b);
        return new ArrayList<>(all.keySet());
    }

    /** Runs one case in its own folder and hashes its outputs. */
    static Map<String, String> digest(Case c) throws IOException {
        // one flat folder per case: a case id may be a prefix of another's
        Path dir = WORK.resolve(c.id().replace('/', '~'));
        deleteTree(dir);
        Files.createDirectories(dir);
        String outDir = dir.resolve("out").toString();
        String[] args = c.args().stream().map(a -> a.replace("{out}", outDir)).toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        Map<String, String> d = new TreeMap<>();
        String console = "exit " + status + "\n" + out + "\n--- stderr\n" + err;
        console = console.replace(dir.toString(), "<dir>").replace(ROOT.toString(), "<root>");
        Files.writeString(dir.resolve("console.txt"), console, StandardCharsets.UTF_8);
        if (c.hashStdout() || status != 0) {
            d.put(c.id() + "/console", sha256(console.getBytes(StandardCharsets.UTF_8)));
        }
        if (status == 0) {
            for (String f : c.files()) {
                Path p = Path.of(outDir).resolve(f);
                d.put(c.id() + "/" + f, Files.isRegularFile(p) ? sha256(normalised(p, dir)) : "missing");
            }
        }
        return d;
    }

    /** File bytes with this machine's paths replaced, so the digests hold on any checkout. */
    private static byte[] normalised(Path p, Path dir) throws IOException {
        String s = Files.readString(p, StandardCharsets.UTF_8);
        return s.replace(dir.toString(), "<dir>").replace(ROOT.toString(), "<root>").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Path> sorted(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String name(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
