package org.arrayflow.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputLockTest {
    @TempDir
    Path dir;

    @Test
    void oneHolderAtATimeNamedWhileHeldEmptyAfter() throws IOException {
        Path out = dir.resolve("out");
        try (OutputLock first = OutputLock.acquire(out, "sweep a.yaml")) {
            assertThat(Files.readString(out.resolve(OutputLock.FILE)))
                    .startsWith("pid " + ProcessHandle.current().pid() + ", sweep a.yaml since ");
            assertThatThrownBy(() -> OutputLock.acquire(out, "sweep b.yaml"))
                    .isInstanceOf(OutputRefusedException.class)
                    .hasMessageStartingWith(out + " is in use by another arrayflow process (pid "
                            + ProcessHandle.current().pid() + ", sweep a.yaml since ");
        }
        assertThat(out.resolve(OutputLock.FILE)).isEmptyFile();
        try (OutputLock again = OutputLock.acquire(out, "sweep b.yaml")) {
            assertThat(Files.readString(out.resolve(OutputLock.FILE))).contains("sweep b.yaml");
        }
    }
}
