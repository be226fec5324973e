package org.arrayflow.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Output files written whole or not at all, and never through a symbolic link. Each file is written to a
 * new temporary file beside it (created exclusively, so a planted link cannot be written through) and
 * renamed over the old name in one step: a crash leaves the old file or the new one, never half of one, and
 * a symbolic link at the name is replaced by the file, its target untouched. Folders inside an output
 * folder that are symbolic links are refused: everything under them would land elsewhere.
 */
public final class OutputFiles {
    private OutputFiles() {}

    /** Writes bytes produced by {@code body} to {@code file}, replacing it atomically. */
    public static void write(Path file, IOConsumer<OutputStream> body) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        for (int attempt = 0; tmp == null; attempt++) {
            Path candidate = dir.resolve("." + file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
                    .nextLong()) + ".tmp");
            try {
                Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                tmp = candidate;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                body.accept(out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes text as UTF-8, replacing the file atomically. */
    public static void writeString(Path file, CharSequence text) throws IOException {
        writeText(file, w -> w.append(text));
    }

    /** Writes the text {@code body} produces as UTF-8 through a buffer, replacing the file atomically. */
    public static void writeText(Path file, IOConsumer<Writer> body) throws IOException {
        write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            body.accept(w);
            w.flush();
        });
    }

    /**
     * Creates a folder (and its parents) for outputs; refused when it, or a folder between it and
     * {@code root}, is a symbolic link. {@code root} itself, the folder the user named, may be one.
     */
    public static Path directory(Path root, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path r = root.toAbsolutePath().normalize();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !p.equals(r) && p.startsWith(r); p = p.getParent()) {
            refuseLink(p);
        }
        return dir;
    }

    /** An error if {@code p} is a symbolic link: outputs are not written through links. */
    public static void refuseLink(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            throw new OutputRefusedException(p + " is a symbolic link; outputs are not written through links: "
                    + "remove it or choose another --out");
        }
    }

    /** A body that writes and may fail. */
    @FunctionalInterface
    public interface IOConsumer<T> {
        void accept(T t) throws IOException;
    }
}
