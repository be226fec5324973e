package org.arrayflow.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a built text to a file as UTF-8 through a buffer, without first copying it into one String. */
final class Out {
    private Out() {}

    static void write(Path file, CharSequence text) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append(text);
        }
    }
}
