package org.arrayflow.engine;

/** A plan larger than the engine runs for one layer (see {@link TileProgram#MAX_TASKS}); says which bound. */
public final class ProgramTooLargeException extends RuntimeException {
    public ProgramTooLargeException(String message) {
        super(message, null, false, false);
    }
}
