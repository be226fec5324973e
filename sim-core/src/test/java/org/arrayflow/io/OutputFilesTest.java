package org.arrayflow.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputFilesTest {
    @TempDir
    Path dir;

    @Test
    void aLinkAtTheNameIsReplacedAndItsTargetKept() throws IOException {
        Path target = Files.writeString(dir.resolve("target"), "kept");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("a.csv"), target);
        OutputFiles.writeString(out.resolve("a.csv"), "new");
        assertThat(target).hasContent("kept");
        assertThat(Files.isSymbolicLink(out.resolve("a.csv"))).isFalse();
        assertThat(out.resolve("a.csv")).hasContent("new");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s).hasSize(1);
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = Files.writeString(dir.resolve("f.txt"), "old");
        assertThatThrownBy(() -> OutputFiles.writeText(f, w -> {
            w.write("half");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(f).hasContent("old");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(f);
        }
    }

    @Test
    void aLinkedFolderInsideTheOutputIsRefused() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("run"), elsewhere);
        assertThatThrownBy(() -> OutputFiles.directory(out, out.resolve("run")))
                .isInstanceOf(OutputRefusedException.class).hasMessageContaining("run is a symbolic link");
        Path linkedRoot = dir.resolve("root-link");
        Files.createSymbolicLink(linkedRoot, out);
        assertThat(OutputFiles.directory(linkedRoot, linkedRoot.resolve("sub"))).isDirectory();
    }
}
