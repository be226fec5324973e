package org.arrayflow.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the points of a sweep (or of one shard) on a fixed pool of threads, appending each finished point
 * to {@code points.csv}; points already there (from an earlier, interrupted run) are skipped. The parsed
 * workloads and base architecture are shared, read-only, by all threads; each point builds its own
 * architecture and simulator state.
 */
public final class SweepRunner {
    private SweepRunner() {}

    /** Called as points finish (from worker threads). */
    public interface Listener {
        void start(int toRun, int alreadyDone);

        void finished(DesignPoint p, String line);
    }

    public record Outcome(int selected, int skipped, int ran, boolean repaired) {}

    public static Outcome run(Sweep sweep, Path outDir, int shard, int shards, int threads, Listener listener)
            throws IOException {
        return run(sweep, outDir, shard, shards, threads, listener, true);
    }

    /** {@code reuse}: let points that differ only in energy figures share a simulation (see PointSimulator). */
    public static Outcome run(Sweep sweep, Path outDir, int shard, int shards, int threads, Listener listener,
                              boolean reuse) throws IOException {
        PointSimulator sim = new PointSimulator(sweep, reuse);
        Files.createDirectories(outDir);
        List<DesignPoint> selected = sweep.shard(shard, shards);
        List<PointRow> done = new ArrayList<>();
        boolean[] repaired = new boolean[1];
        Path file = outDir.resolve(PointsCsv.FILE);
        try (PointsCsv out = PointsCsv.open(file, PointsCsv.header(sweep.axisKeys()), done, repaired)) {
            Set<String> doneIds = new HashSet<>();
            for (PointRow r : done) {
                doneIds.add(r.id());
            }
            List<DesignPoint> todo = new ArrayList<>();
            for (DesignPoint p : selected) {
                if (!doneIds.contains(p.id())) {
                    todo.add(p);
                }
            }
            listener.start(todo.size(), selected.size() - todo.size());
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), daemonThreads());
            try {
                List<Future<?>> futures = new ArrayList<>(todo.size());
                for (DesignPoint p : todo) {
                    futures.add(pool.submit(() -> {
                        String line = PointEvaluator.evaluate(sweep, p, sim);
                        try {
                            out.append(line);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        listener.finished(p, line);
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof UncheckedIOException u) {
                    throw u.getCause();
                }
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(c);
            } finally {
                pool.shutdownNow();
            }
            return new Outcome(selected.size(), selected.size() - todo.size(), todo.size(), repaired[0]);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sweep-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
