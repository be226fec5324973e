package org.arrayflow.arch;

import org.arrayflow.config.LayerPattern;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.tensor.Compression;
import org.arrayflow.tensor.ComputeModes;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Sparsity;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.tensor.TensorSpecs;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;

import java.util.EnumMap;
import java.util.Map;

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
        Precision p = precision().resolve(accumulating(layer)).withCompression(compressed(layer));
        if (skipsPrunedWeights(layer, p)) {
            // the array holds and moves only the kept weights, each with its metadata
            p = p.withCompression(java.util.Map.of(Tensor.WEIGHT, Compression.kept(sparsity().structuredMetadataBits())));
        } else if (zeroSkipsWeights(layer, p)) {
            // each PE holds its kept weights with their indexes
            p = p.withCompression(java.util.Map.of(Tensor.WEIGHT, Compression.kept(sparsity().zeroSkipIndexBits())));
        }
        return p;
    }

    /** Whether the array skips this layer's zero weights one by one (zero skipping, not its structured mode). */
    default boolean zeroSkipsWeights(Layer layer) {
        return zeroSkipsWeights(layer, precision().resolve(layer.tensors()));
    }

    private boolean zeroSkipsWeights(Layer layer, Precision p) {
        return layer.kind() != LayerKind.MATMUL && layer.weights() > 0
                && sparsity().zeroSkips(p.density(Tensor.WEIGHT));
    }

    /**
     * The layer's tensor specs with the partial sums in the accumulator of the mode its multiplies run in, where
     * that mode names one and the layer states no psum datatype of its own.
     */
    private TensorSpecs accumulating(Layer layer) {
        TensorSpecs specs = layer.tensors();
        ComputeModes modes = computeModes();
        if (!modes.declared() || modes.modes().stream().allMatch(m -> m.accumulator() == null)
                || !layer.kind().isMatrix() || specs.get(Tensor.PSUM).datatype() != null) {
            return specs;
        }
        ComputeModes.Selected s = modes.select(precision().resolve(specs).multiplyType());
        if (s == null || s.runsAs().accumulator() == null) {
            return specs; // refused later, by compute(layer), or the architecture's accumulator
        }
        return specs.with(Tensor.PSUM, specs.get(Tensor.PSUM).withDatatype(s.runsAs().accumulator()));
    }

    /** The compressed storage that applies to a layer's tensors: every entry whose layer patterns match it. */
    private Map<Tensor, Compression> compressed(Layer layer) {
        Map<Tensor, Compression> all = sparsity().compression();
        if (all.values().stream().allMatch(c -> c.layers().isEmpty())) {
            return all;
        }
        Map<Tensor, Compression> out = new EnumMap<>(Tensor.class);
        all.forEach((t, c) -> {
            if (c.layers().isEmpty() || c.layers().stream().anyMatch(p -> new LayerPattern(p).matches(layer.name()))) {
                out.put(t, c);
            }
        });
        return out;
    }

    /** Whether the array skips this layer's pruned weights: they fit its structured N:M pattern. */
    default boolean skipsPrunedWeights(Layer layer) {
        return skipsPrunedWeights(layer, precision().resolve(layer.tensors()));
    }

    private boolean skipsPrunedWeights(Layer layer, Precision p) {
        return layer.kind() != LayerKind.MATMUL && sparsity().structuredFits(p.density(Tensor.WEIGHT));
    }

    /** What the architecture does with zeros: nothing unless it declares {@code sparsity:}. */
    default Sparsity sparsity() {
        return Sparsity.NONE;
    }

    /** The layers the hardware accepts ({@code limits:}): any, unless the architecture declares limits. */
    default HardwareLimits limits() {
        return HardwareLimits.NONE;
    }

    /** The datatypes the compute units multiply, and at what rate. */
    default ComputeModes computeModes() {
        return ComputeModes.wordOnly(precision().type(Tensor.IFMAP));
    }

    /**
     * The mode a matrix layer's multiplies run in ({@link Precision#multiplyType()}): its own datatype, or the
     * declared fallback; a type the architecture cannot compute is a mapping error naming the layer, the type and
     * what the architecture supports.
     */
    default ComputeModes.Selected compute(Layer layer) {
        Datatype asked = precision(layer).multiplyType();
        ComputeModes.Selected s = computeModes().select(asked);
        if (s == null) {
            throw new MappingException("layer '" + layer.name() + "' multiplies in " + asked.name() + ", which "
                    + name() + " does not compute: it supports " + computeModes().describe() + " (quantize the layer,"
                    + " or declare the datatype or a fallback under datatypes: in the architecture)");
        }
        return s;
    }

    /** On-chip storage in bytes, all buffers and register files together (for area figures). */
    long onChipBytes();

    /** The kind's name as written after {@code type:} in YAML. */
    String kind();

    /**
     * Output channels the compute array works on side by side (a systolic array's columns); a core split that
     * cuts channels prefers groups of whole multiples of it. 1 where the kind has no such width.
     */
    default int outputChannelLanes() {
        return 1;
    }

    /** The chip's cores ({@code cores:}); one unless the file says more. */
    default Cores cores() {
        return Cores.SINGLE;
    }

    /** The chips joined by links ({@code chips:}); one unless the file says more. */
    default Chips chips() {
        return Chips.SINGLE;
    }

    /** One core of the chip, the kind's own record, which its planner plans: this architecture when single-core. */
    default Architecture core() {
        return this;
    }

    /**
     * MACs per cycle the whole system can do in a datatype, at full activity: PEs of all cores (of all chips)
     * times the rate of the mode that datatype runs in; 0 for a datatype the architecture refuses.
     */
    default long peakMacsPerCycle(Datatype type) {
        ComputeModes.Selected s = computeModes().select(type);
        return s == null ? 0 : Math.multiplyExact(peCount(), (long) s.runsAs().macsPerCycle());
    }
}
