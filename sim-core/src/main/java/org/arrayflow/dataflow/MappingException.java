package org.arrayflow.dataflow;

/** A layer that cannot be mapped onto an architecture, with the limit it hits. Shown to the user as is. */
public class MappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MappingException(String message) {
        super(message);
    }
}
