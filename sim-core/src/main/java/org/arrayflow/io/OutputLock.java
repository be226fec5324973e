package org.arrayflow.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One process at a time in an output folder that it appends to (a sweep's points.csv): an exclusive lock
 * on {@code .arrayflow.lock} there, taken before anything is read or written and held until the command
 * ends. The operating system drops the lock when its process dies, so a killed sweep never leaves the
 * folder locked. While held, the file names its holder (process id, command, start time) for the message
 * another process gets; it is emptied on release, so finished folders are the same bytes on every run.
 */
public final class OutputLock implements AutoCloseable {
    public static final String FILE = ".arrayflow.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (created if needed) for {@code command}, or says who holds it. */
    public static OutputLock acquire(Path dir, String command) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        OutputFiles.refuseLink(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another thread of this process
        }
        if (lock == null) {
            String holder = holder(ch);
            ch.close();
            throw new OutputRefusedException(dir + " is in use by another arrayflow process" + (holder.isEmpty() ? ""
                    : " (" + holder + ")") + "; wait for it to finish or choose another --out");
        }
        String me = "pid " + ProcessHandle.current().pid() + ", " + command + " since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return new OutputLock(ch, lock);
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
