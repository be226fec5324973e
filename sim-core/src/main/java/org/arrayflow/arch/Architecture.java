package org.arrayflow.arch;

import org.arrayflow.tensor.Precision;
import org.arrayflow.workload.Layer;

/**
 * An accelerator description: the facts every kind shares. Each kind (the YAML's {@code type:}) is a record in
 * its own package with an {@link ArchKind} plug-in that reads it and models it.
 */
public interface Architecture {
    String name();

    /** Where the description came from (path or bundled name). */
    String source();

    double clockMhz();

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

    /**
     * The datatype of each tensor when a layer states none: the architecture's word for ifmaps, weights and
     * outputs, its accumulator for partial sums.
     */
    Precision precision();

    /** The datatypes in force for a layer's tensors: what it states, else {@link #precision()}. */
    default Precision precision(Layer layer) {
        return precision().resolve(layer.tensors());
    }

    /** On-chip storage in bytes, all buffers and register files together (for area figures). */
    long onChipBytes();

    /** The kind's name as written after {@code type:} in YAML. */
    String kind();
}
