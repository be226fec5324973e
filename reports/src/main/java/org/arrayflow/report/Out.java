package org.arrayflow.report;

import org.arrayflow.io.OutputFiles;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a built text to a file as UTF-8 through a buffer, without first copying it into one String. */
final class Out {
    private Out() {}

    static void write(Path file, CharSequence text) throws IOException {
        OutputFiles.writeString(file, text);
    }
}
