package org.arrayflow.bench;

import org.arrayflow.sweep.DesignPoint;
import org.arrayflow.sweep.Sweep;
import org.arrayflow.sweep.SweepLoader;
import org.arrayflow.sweep.SweepRunner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A 1,000-point sweep over ResNet-50 on all cores, points.csv included: 5 row counts x 5 column counts
 * (128..256) x 2 dataflows x 4 unified-buffer sizes x 5 DRAM bandwidths around the TPU v1. One shot per
 * iteration (each iteration is the whole sweep into a fresh folder).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SweepBench {
    static final String SWEEP = String.join("\n",
            "format: arrayflow-sweep/1",
            "name: bench-1000",
            "arch: tpu-v1",
            "workloads: [resnet50]",
            "grid:",
            "  pe_array.rows: [128, 160, 192, 224, 256]",
            "  pe_array.cols: [128, 160, 192, 224, 256]",
            "  dataflow: [weight-stationary, output-stationary]",
            "  memory.unified_buffer.size_kib: [8192, 12288, 16384, 24576]",
            "  memory.dram.bandwidth_gb_s: [17, 25.5, 34, 51, 68]",
            "");

    private Sweep sweep;
    private Path dir;

    @Setup(Level.Trial)
    public void load() {
        sweep = SweepLoader.parse("bench-1000.yaml", SWEEP, null);
        if (sweep.points().size() != 1000) {
            throw new IllegalStateException("expected 1000 points, found " + sweep.points().size());
        }
    }

    @Setup(Level.Iteration)
    public void folder() throws IOException {
        dir = Files.createTempDirectory("arrayflow-bench");
    }

    @TearDown(Level.Iteration)
    public void clean() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public SweepRunner.Outcome sweep1000ResNet50() throws IOException {
        return SweepRunner.run(sweep, dir, 1, 1, Runtime.getRuntime().availableProcessors(),
                new SweepRunner.Listener() {
                    @Override
                    public void start(int toRun, int alreadyDone) {}

                    @Override
                    public void finished(DesignPoint p, String line) {}
                });
    }
}
