package org.arrayflow.arch;

/**
 * How many identical cores a chip has and how they share it (the architecture file's {@code cores:} entry). Each
 * core is the compute array and private buffers the rest of the file describes.
 *
 * @param count       identical cores, at least 1
 * @param partition   how a layer is split across them ({@link Partition#AUTO}: the fastest of the others)
 * @param sharedDram  true: the file's DRAM bandwidth is the chip's, and the cores' transfers queue on it; false:
 *                    each core has its own DRAM link of that bandwidth
 * @param sharedLevel an on-chip level all cores share, or null
 */
public record Cores(int count, Partition partition, boolean sharedDram, SharedLevel sharedLevel) {
    /** One core: the architecture as its file describes it without {@code cores:}. */
    public static final Cores SINGLE = new Cores(1, Partition.AUTO, true, null);

    public Cores {
        if (count < 1) {
            throw new IllegalArgumentException("cores: count must be at least 1, not " + count);
        }
    }

    public boolean multi() {
        return count > 1;
    }

    public Cores withPartition(Partition p) {
        return new Cores(count, p, sharedDram, sharedLevel);
    }

    /** How a matrix layer's work is divided among cores. */
    public enum Partition {
        AUTO, OUTPUT_CHANNELS, OUTPUT_PIXELS, BATCH, OUTPUT_TILES;

        /** The YAML spelling. */
        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The value of that spelling, or null. */
        public static Partition named(String s) {
            for (Partition p : values()) {
                if (p.yamlName().equals(s)) {
                    return p;
                }
            }
            return null;
        }
    }

    /**
     * An on-chip level shared by the cores.
     *
     * @param bytes          capacity in bytes
     * @param bandwidthGbps  to all cores together
     * @param readPjPerByte  a core reading a byte
     * @param writePjPerByte a byte filled from DRAM
     */
    public record SharedLevel(String name, long bytes, double bandwidthGbps, double readPjPerByte,
                              double writePjPerByte) {
        /** Bytes per core clock cycle. */
        public double bytesPerCycle(double clockMhz) {
            return bandwidthGbps * 1e9 / (clockMhz * 1e6);
        }
    }
}
