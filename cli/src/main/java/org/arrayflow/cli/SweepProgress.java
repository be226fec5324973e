package org.arrayflow.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.arrayflow.sweep.DesignPoint;
import org.arrayflow.sweep.SweepRunner;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a sweep: a bar with rate and time left on a terminal (progressbar library), plain lines
 * at most every few seconds otherwise (logs of batch jobs should not fill with carriage returns).
 */
final class SweepProgress implements SweepRunner.Listener, AutoCloseable {
    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;
    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private volatile long started;
    private volatile long lastLine;
    private ProgressBar bar;

    SweepProgress(PrintWriter err, boolean terminal, boolean quiet) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    @Override
    public void start(int toRun, int alreadyDone) {
        total = toRun;
        started = System.nanoTime();
        lastLine = started;
        if (quiet) {
            return;
        }
        if (alreadyDone > 0) {
            err.println("resuming: " + alreadyDone + " points already in points.csv, " + toRun + " to run");
        }
        if (terminal && toRun > 0) {
            bar = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(toRun).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).showSpeed().setSpeedUnit(ChronoUnit.SECONDS).setUnit(" pts", 1)
                    .build();
        }
    }

    @Override
    public void finished(DesignPoint p, String line) {
        long n = done.incrementAndGet();
        if (quiet) {
            return;
        }
        if (bar != null) {
            bar.step();
            return;
        }
        long now = System.nanoTime();
        if (now - lastLine >= PLAIN_EVERY_NANOS || n == total) {
            synchronized (this) {
                if (now - lastLine < PLAIN_EVERY_NANOS && n != total) {
                    return;
                }
                lastLine = now;
                double secs = (now - started) / 1e9;
                double rate = secs > 0 ? n / secs : 0;
                double left = rate > 0 ? (total - n) / rate : 0;
                err.println(String.format(Locale.ROOT, "sweep: %d/%d points (%.1f%%), %.1f points/s, about %.0f s left",
                        n, total, 100.0 * n / Math.max(1, total), rate, left));
            }
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
