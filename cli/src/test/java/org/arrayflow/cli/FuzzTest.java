package org.arrayflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated bundled inputs through the command line ({@link FuzzHarness}): none may end in an internal error,
 * an uncaught exception, an OutOfMemoryError, a hang, a multi-line or unpositioned message, or Infinity/NaN
 * in the results. Quick mode in {@code mvn test} (200 inputs, fixed seed, about 30 s); the long mode is
 * {@code tools/fuzz.sh [COUNT] [SEED]}, which sets {@code arrayflow.fuzz.count} and {@code arrayflow.fuzz.seed}
 * ({@code arrayflow.fuzz.from} and {@code arrayflow.fuzz.keep=DIR} replay one input and keep its files).
 */
class FuzzTest {
    @Test
    void mutatedInputsEndCleanlyOrWithOneLocatedLine(@TempDir Path dir) throws IOException {
        int count = Integer.getInteger("arrayflow.fuzz.count", 200);
        int from = Integer.getInteger("arrayflow.fuzz.from", 0);
        String keep = System.getProperty("arrayflow.fuzz.keep");
        if (keep != null) {
            dir = java.nio.file.Files.createDirectories(Path.of(keep));
        }
        long seed = Long.getLong("arrayflow.fuzz.seed", 20261202L);
        long deadline = Long.getLong("arrayflow.fuzz.deadlineMs", 20_000L);
        FuzzHarness h = new FuzzHarness(OutputDigestTest.ROOT, dir, deadline);
        List<FuzzHarness.Result> results = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            FuzzHarness.Case c = h.make(seed, i);
            results.add(h.run(c));
            if (keep == null) {
                deleteOutputs(dir, i);
            }
        }
        String report = FuzzHarness.report(results);
        System.out.println("fuzz (seed " + seed + ", " + count + " inputs): " + report);
        assertThat(results.stream().filter(r -> FuzzHarness.defect(r.outcome())).toList()).as(report).isEmpty();
    }

    private static void deleteOutputs(Path dir, int i) throws IOException {
        Path out = dir.resolve("out-" + i);
        if (Files.isDirectory(out)) {
            try (var s = Files.walk(out)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.deleteIfExists(dir.resolve("in-" + i + ".yaml"));
    }
}
