package org.arrayflow.sweep;

import org.arrayflow.config.ConfigException;
import org.arrayflow.io.Csv;
import org.arrayflow.io.OutputFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code points.csv}: one line per finished design point, appended the moment the point finishes (in
 * completion order). Columns: {@code index,id,workload,<axis keys...>,status,<metrics...>,note}.
 * <p>Crash safety: each line is written by one {@code write} call of a channel opened for append, so a
 * killed process leaves at worst one torn last line. On resume the file is read back, a torn or malformed
 * last line is cut off (that point runs again), and every complete line's id counts as done.
 */
public final class PointsCsv implements AutoCloseable {
    public static final String FILE = "points.csv";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    private final FileChannel channel;

    private PointsCsv(FileChannel channel) {
        this.channel = channel;
    }

    public static List<String> header(List<String> axisKeys) {
        List<String> h = new ArrayList<>(List.of("index", "id", "workload"));
        h.addAll(axisKeys);
        h.add("status");
        for (Metric m : Metric.values()) {
            h.add(m.column());
        }
        h.add("note");
        return h;
    }

    /** Result of reading an existing file: complete rows, and whether a torn tail was cut off. */
    public record Existing(List<PointRow> rows, boolean repaired) {}

    /**
     * Opens {@code file} for appending; creates it with the header, or reads it back and repairs its tail.
     * A file written by a different sweep (other header) is refused rather than mixed.
     */
    public static PointsCsv open(Path file, List<String> header, List<PointRow> doneOut, boolean[] repairedOut)
            throws IOException {
        String head = Csv.line(header) + "\n";
        OutputFiles.refuseLink(file);
        if (!Files.exists(file) || Files.size(file) == 0) {
            OutputFiles.writeString(file, head);
        } else {
            Existing e = read(file, header, true);
            doneOut.addAll(e.rows());
            if (repairedOut != null && repairedOut.length > 0) {
                repairedOut[0] = e.repaired();
            }
        }
        return new PointsCsv(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Reads the rows of a points file. With {@code repair}, a bad last line (torn by a crash) is truncated away;
     * without, it is an error. A bad line elsewhere is always an error: it was not made by a crash.
     */
    public static Existing read(Path file, List<String> header, boolean repair) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int firstEnd = text.indexOf('\n');
        String first = firstEnd < 0 ? text : text.substring(0, firstEnd);
        if (header != null && !first.equals(Csv.line(header))) {
            if (firstEnd < 0 && repair && Csv.line(header).startsWith(first)) {
                OutputFiles.writeString(file, Csv.line(header) + "\n");
                return new Existing(List.of(), true);
            }
            throw ConfigException.of(file.toString(), "written by a different sweep (its columns are " + first
                    + "; this sweep's are " + Csv.line(header) + "): use another --out folder");
        }
        List<String> cols = Csv.split(first);
        List<PointRow> rows = new ArrayList<>();
        int start = firstEnd + 1;
        int line = 2;
        while (firstEnd >= 0 && start < text.length()) {
            int end = text.indexOf('\n', start);
            String l = end < 0 ? null : text.substring(start, end);
            PointRow row = l == null ? null : parse(l, cols);
            if (row == null) {
                boolean last = end < 0 || end == text.length() - 1;
                if (!last) {
                    throw ConfigException.of(file + ":" + line, "malformed line in the middle of the file: " + l);
                }
                if (!repair) {
                    throw ConfigException.of(file + ":" + line, "the last line is incomplete (the run was "
                            + "interrupted): run that sweep again with the same --out to finish it");
                }
                truncate(file, text.substring(0, start).getBytes(StandardCharsets.UTF_8).length);
                return new Existing(rows, true);
            }
            rows.add(row);
            start = end + 1;
            line++;
        }
        return new Existing(rows, false);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ch.truncate(size);
        }
    }

    /** Parses a line against the file's columns; null if it is not a complete, well-formed row. */
    static PointRow parse(String line, List<String> cols) {
        List<String> f = Csv.split(line);
        if (f == null || f.size() != cols.size()) {
            return null;
        }
        int status = cols.indexOf("status");
        if (status < 3 || !ID.matcher(f.get(1)).matches()) {
            return null;
        }
        try {
            long index = Long.parseLong(f.get(0));
            double[] m = new double[Metric.values().length];
            for (Metric metric : Metric.values()) {
                String v = f.get(status + 1 + metric.ordinal());
                m[metric.ordinal()] = v.isEmpty() ? Double.NaN : Double.parseDouble(v);
            }
            String st = f.get(status);
            if (st.isEmpty()) {
                return null;
            }
            return new PointRow(index, f.get(1), f.get(2), f.subList(3, status), st, m, f.get(f.size() - 1), line);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Appends one complete line in a single write; safe to call from several threads. */
    public synchronized void append(String line) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
