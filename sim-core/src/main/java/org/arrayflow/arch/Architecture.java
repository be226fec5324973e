package org.arrayflow.arch;

/**
 * An accelerator description: the facts every kind shares. Each kind (the YAML's {@code type:}) is a record in
 * its own package with an {@link ArchKind} plug-in that reads it and models it.
 */
public interface Architecture {
    String name();

    /** Where the description came from (path or bundled name). */
    String source();

    double clockMhz();

    int wordBits();

    /** Processing elements (MAC units) that can work in one cycle. */
    long peCount();

    Dram dram();

    /** The DRAM bytes per core cycle transfers actually get: the roofline's slope. Peak unless a kind says less. */
    default double sustainedDramBytesPerCycle() {
        return dram().bytesPerCycle(clockMhz());
    }

    /** {@link #sustainedDramBytesPerCycle()} in GB/s. */
    default double sustainedDramGBps() {
        return dram().bandwidthGbps();
    }

    /** Free text: where the energy figures come from, reported with every energy number. */
    String energySource();

    default int wordBytes() {
        return Math.max(1, (wordBits() + 7) / 8);
    }

    /** On-chip storage in bytes, all buffers and register files together (for area figures). */
    long onChipBytes();

    /** The kind's name as written after {@code type:} in YAML. */
    String kind();
}
