package org.arrayflow.io;

import java.io.IOException;

/**
 * An output folder that cannot be written as asked (a symbolic link in it, another process using it); the
 * message is the whole story for the user, so the command line prints it without a stack trace.
 */
public final class OutputRefusedException extends IOException {
    public OutputRefusedException(String message) {
        super(message);
    }
}
