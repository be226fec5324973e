package org.arrayflow.workload;

/** A feature map of one image: channels x height x width (for sequences: features x 1 x tokens). */
public record Shape(int channels, int height, int width) {
    public Shape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("shape must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    public long elements() {
        return (long) channels * height * width;
    }

    /** Positions (pixels or tokens) per image. */
    public long positions() {
        return (long) height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
