package org.arrayflow.report;

import org.arrayflow.arch.Architecture;
import org.arrayflow.io.Csv;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.transform.Changes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run's compression transforms changed: {@code transforms.csv} (one row per step and layer it changed,
 * then the whole network before and after; columns in docs/outputs.md) and the short table {@code run} prints.
 * Bytes are at the weight datatype in force on the architecture: the one the workload or a transform states,
 * else the architecture's word.
 */
public final class TransformReport {
    public static final String FILE = "transforms.csv";
    public static final List<String> COLUMNS = List.of("step", "transform", "layer", "becomes", "change",
            "weights_before", "weights_after", "nonzero_weights_before", "nonzero_weights_after", "macs_before",
            "macs_after", "weight_bytes_before", "weight_bytes_after", "nonzero_weight_bytes_before",
            "nonzero_weight_bytes_after");
    private static final int TRANSFORM_WIDTH = 40;

    private TransformReport() {}

    /**
     * Writes {@code transforms.csv} when a transform was applied; otherwise removes one an earlier run left in
     * the folder (a regular file only, links are not followed), so the folder never describes another run.
     */
    public static void write(Path dir, Changes c, Architecture a) throws IOException {
        Path file = dir.resolve(FILE);
        if (c.isEmpty()) {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
            }
            return;
        }
        OutputFiles.writeString(file, csv(c, a));
    }

    public static String csv(Changes c, Architecture a) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Changes.Step s : c.steps()) {
            for (Changes.LayerChange l : s.layers()) {
                Changes.Figures before = Changes.Figures.of(List.of(l.before()), a::precision);
                Changes.Figures after = Changes.Figures.of(l.after(), a::precision);
                row(sb, String.valueOf(s.number()), s.transform(), l.before().name(), l.becomes(), l.what(), before,
                        after);
            }
        }
        row(sb, "total", "", "network", "", c.steps().size() + " steps, " + c.before().layers().size() + " -> "
                + c.after().layers().size() + " layers", c.networkBefore(a::precision), c.networkAfter(a::precision));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String step, String transform, String layer, String becomes,
                            String change, Changes.Figures b, Changes.Figures a) {
        List<String> r = new ArrayList<>(List.of(step, Csv.field(transform), Csv.field(layer), Csv.field(becomes),
                Csv.field(change)));
        long[] before = values(b);
        long[] after = values(a);
        for (int i = 0; i < before.length; i++) {
            r.add(String.valueOf(before[i]));
            r.add(String.valueOf(after[i]));
        }
        sb.append(String.join(",", r)).append('\n');
    }

    private static long[] values(Changes.Figures f) {
        return new long[] {f.weights(), f.nonzeroWeights(), f.macs(), f.weightBytes(), f.nonzeroWeightBytes()};
    }

    /** The table {@code run} prints: one line per step (the layers it changed), then the whole network. */
    public static String table(Changes c, Architecture a) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"step", "transform", "layers", "weights", "non-zero weights", "MACs",
                "non-zero weight bytes"});
        for (Changes.Step s : c.steps()) {
            Changes.Figures b = s.before(a::precision);
            Changes.Figures f = s.after(a::precision);
            rows.add(line(String.valueOf(s.number()), shortened(s.transform()), String.valueOf(s.layers().size()), b, f));
        }
        rows.add(line("network", "", c.before().layers().size() + " -> " + c.after().layers().size(),
                c.networkBefore(a::precision), c.networkAfter(a::precision)));
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder("compression transforms (accuracy is not simulated: densities, datatypes "
                + "and ranks are inputs)\n");
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + w[i] + "s", r[i])).append(i + 1 < r.length ? "  " : "");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String[] line(String step, String transform, String layers, Changes.Figures b, Changes.Figures a) {
        return new String[] {step, transform, layers, change(b.weights(), a.weights()),
                change(b.nonzeroWeights(), a.nonzeroWeights()), change(b.macs(), a.macs()),
                change(b.nonzeroWeightBytes(), a.nonzeroWeightBytes()) + "B"};
    }

    /** {@code 61.0M -> 6.80M}, or the value alone when unchanged. */
    private static String change(long before, long after) {
        return before == after ? Fmt.si(before) : Fmt.si(before) + " -> " + Fmt.si(after);
    }

    private static String shortened(String t) {
        return t.length() <= TRANSFORM_WIDTH ? t : t.substring(0, TRANSFORM_WIDTH - 3) + "...";
    }
}
