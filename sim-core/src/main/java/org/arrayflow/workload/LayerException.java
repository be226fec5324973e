package org.arrayflow.workload;

/**
 * A layer that cannot be built as given (shapes that do not fit, channels that do not divide), from
 * {@link Layers}. {@code key} names the input it is about (e.g. {@code groups}), or is null for the layer as
 * a whole, so a reader can point at that key in its file.
 */
public final class LayerException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public LayerException(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
