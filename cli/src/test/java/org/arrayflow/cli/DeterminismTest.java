package org.arrayflow.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command that writes files, on every architecture kind, charts included, gives the same bytes when
 * run again in another JVM under another locale: once in this JVM, once in a child JVM whose default
 * locale is Arabic (Saudi Arabia: Arabic-Indic digits, its own decimal and grouping signs) or German
 * ("1.000,5"). A child process, because JFreeChart keeps formats made when its classes load: a second
 * run in this JVM would reuse this locale's.
 */
class DeterminismTest {
    private static final Path ROOT = OutputDigestTest.ROOT;

    record Case(String id, String locale, List<String> args) {
        @Override
        public String toString() {
            return id + " (" + locale + ")";
        }
    }

    static Stream<Case> cases() {
        String ar = "ar-SA";
        String de = "de-DE";
        return Stream.of(
                new Case("run systolic traced", de, List.of("run", "--arch", "tpu-v1", "--workload", "alexnet",
                        "--trace", "{out}/trace.json")),
                new Case("run row-stationary", ar, List.of("run", "--arch", "eyeriss-v1", "--workload",
                        "alexnet-eyeriss-conv")),
                new Case("run tiled", ar, List.of("run", "--arch", "fpga-vc707-zhang15", "--workload", "alexnet")),
                new Case("run tiled fused", ar, List.of("run", "--arch", "fpga-fused-vgg", "--workload", "vgg19")),
                new Case("compare three kinds", ar, List.of("compare", "--arch", "tpu-v1", "--arch", "eyeriss-v1",
                        "--arch", "fpga-vc707-zhang15", "--workload", "alexnet")),
                new Case("sweep", ar, List.of("sweep", "tpu-array-size", "--quiet")),
                new Case("fusion", ar, List.of("fusion", "--arch", "fpga-fused-vgg", "--workload", "vgg19", "--fuse",
                        "auto")),
                new Case("reproduce", ar, List.of("reproduce", "eyeriss-isca16")),
                new Case("roofline", ar, List.of("roofline", "--arch", "tpu-v1", "--workload", "tpu/mlp0", "tpu/cnn0")),
                new Case("validate", ar, List.of("validate", ROOT.resolve("validation").toString())));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameBytesInAnotherJvmAndLocale(Case c, @TempDir Path dir) throws Exception {
        Path here = dir.resolve("here");
        Path there = dir.resolve("there");
        CliRun r = CliRun.of(args(c, here));
        assertThat(r.status()).as(r.err()).isZero();
        int status = child(c.locale(), args(c, there), dir.resolve("child.log"));
        assertThat(status).as(Files.readString(dir.resolve("child.log"))).isZero();

        List<Path> files = files(here);
        assertThat(files).isNotEmpty();
        assertThat(files(there)).as("files written").isEqualTo(files);
        for (Path f : files) {
            byte[] a = normalised(here.resolve(f), here);
            byte[] b = normalised(there.resolve(f), there);
            assertThat(Arrays.equals(a, b)).as(f + " differs").isTrue();
        }
    }

    /**
     * The command with its output folder ({@code --csv} for validate, whose only file is its table); {@code {out}}
     * in an argument stands for that folder.
     */
    private static String[] args(Case c, Path out) {
        List<String> a = new ArrayList<>(c.args());
        a.replaceAll(x -> x.replace("{out}", out.toString()));
        if (a.get(0).equals("validate")) {
            a.addAll(List.of("--csv", out.resolve("validation.csv").toString()));
        } else {
            a.addAll(List.of("--out", out.toString()));
        }
        return a.toArray(String[]::new);
    }

    private static int child(String locale, String[] args, Path log) throws IOException, InterruptedException {
        String[] lc = locale.split("-");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-Duser.language=" + lc[0], "-Duser.country=" + lc[1],
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(new File(".")).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    /**
     * A file's bytes with its folder's path taken out. points.csv is a sweep's log in the order points finish
     * on the worker threads, so its lines are compared as a set; results.csv holds them in order.
     */
    private static byte[] normalised(Path p, Path dir) throws IOException {
        String name = p.getFileName().toString();
        if (name.endsWith(".png")) {
            return Files.readAllBytes(p);
        }
        String s = Files.readString(p, StandardCharsets.UTF_8).replace(dir.toString(), "<out>");
        if (name.equals("points.csv")) {
            s = String.join("\n", s.lines().sorted().toList());
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
