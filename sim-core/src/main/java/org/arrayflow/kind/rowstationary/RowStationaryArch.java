package org.arrayflow.kind.rowstationary;

import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.Dram;
import org.arrayflow.arch.HardwareLimits;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.ComputeModes;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Sparsity;
import org.arrayflow.tensor.Tensor;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Eyeriss-like row-stationary accelerator: a rows x cols PE array, three scratchpads per PE, a
 * partitioned global buffer (GLB), an on-chip network of multicast input buses, an output bus and local
 * psum links, and a DRAM link with its own clock.
 *
 * @param mappings  per layer name, a mapping fixed by the description (layers not listed are searched)
 * @param objective what the automatic mapper minimises
 */
public record RowStationaryArch(String name, String source, double clockMhz, int wordBits, int rows, int cols,
                                Spad ifmapSpad, Spad filterSpad, Spad psumSpad, List<GlbPartition> glb, int glbBanks,
                                Noc noc, DramLink dramLink, RsEnergy energy, Map<String, MappingSpec> mappings,
                                Objective objective, ComputeModes computeModes, Sparsity sparsity,
                                HardwareLimits limits)
        implements Architecture {

    public RowStationaryArch {
        glb = List.copyOf(glb);
        mappings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mappings));
    }

    /** A scratchpad: entries of {@code bits} each. */
    public record Spad(int entries, int bits) {
        public long bytes() {
            return ((long) entries * bits + 7) / 8;
        }
    }

    /** A GLB partition (bank group) and the tensors it holds. */
    public record GlbPartition(String name, long bytes, Set<Tensor> holds) {
        public GlbPartition {
            holds = Set.copyOf(holds);
        }

        /** For messages: name, bytes and the tensors held in a fixed order, e.g. "glb_filter 8192 B (weight)". */
        public String describe() {
            StringBuilder t = new StringBuilder();
            for (Tensor x : Tensor.values()) {
                if (holds.contains(x)) {
                    t.append(t.length() == 0 ? "" : ", ").append(x.name().toLowerCase(java.util.Locale.ROOT));
                }
            }
            return name + " " + bytes + " B (" + t + ")";
        }
    }

    /**
     * Network widths in bits: global input networks for ifmaps, filters and psums (multicast by row and
     * column ID), the global output network (psums back to the GLB), local links between vertically
     * adjacent PEs.
     */
    public record Noc(int ifmapBits, int filterBits, int psumInBits, int outputBits, int localBits) {}

    /** The off-chip bus: width, its own clock, latency in core cycles. */
    public record DramLink(int busBits, double clockMhz, long latencyCycles) {}

    /** Energies in pJ per access of one word (MAC: per operation), and where they come from. */
    public record RsEnergy(double macPj, double spadPj, double nocPj, double glbPj, double dramPj, String source) {}

    /** A mapping written in the description (JSSC 2017 Table III parameters). */
    public record MappingSpec(int m, int n, int e, int p, int q, int r, int t) {}

    /**
     * What the mapping search ranks by. LATENCY, the default, is how the chip's mappings come out: the fewest
     * estimated cycles, then the least energy among mappings within {@link RsMapper#LATENCY_TIE} of those
     * cycles (docs/row-stationary.md, "Which mapping the search picks"). ENERGY and EDP are explicit studies.
     */
    public enum Objective { LATENCY, ENERGY, EDP }

    @Override
    public long peCount() {
        return (long) rows * cols;
    }

    @Override
    public Dram dram() {
        double gbps = dramLink.busBits() / 8.0 * dramLink.clockMhz() * 1e6 / 1e9;
        return new Dram(gbps, dramLink.latencyCycles(), 1, energy.dramPj() / wordBytes());
    }

    @Override
    public String energySource() {
        return energy.source();
    }

    /** Every tensor in words of {@code word_bits}, partial sums too. */
    @Override
    public Precision precision() {
        return Precision.words(wordBits, wordBits);
    }

    @Override
    public String kind() {
        return "row-stationary";
    }

    /** The GLB partitions and every PE's three scratchpads. */
    @Override
    public long onChipBytes() {
        long bytes = peCount() * (ifmapSpad.bytes() + filterSpad.bytes() + psumSpad.bytes());
        for (GlbPartition p : glb) {
            bytes += p.bytes();
        }
        return bytes;
    }

    /** Bytes of one word of {@code word_bits}, the unit the energy figures and the ISCA 2016 model count in. */
    public int wordBytes() {
        return (int) Datatype.word(wordBits).bytes(1);
    }

    /** Bytes the DRAM link moves per core cycle (bus bytes x link clock / core clock). */
    public double dramBytesPerCycle() {
        return dramLink.busBits() / 8.0 * dramLink.clockMhz() / clockMhz;
    }

    /** The GLB partition holding a tensor (the reader checks there is exactly one). */
    public GlbPartition glbFor(Tensor t) {
        for (GlbPartition p : glb) {
            if (p.holds().contains(t)) {
                return p;
            }
        }
        throw new IllegalStateException("no GLB partition holds " + t);
    }

    public RowStationaryArch withObjective(Objective o) {
        return new RowStationaryArch(name, source, clockMhz, wordBits, rows, cols, ifmapSpad, filterSpad, psumSpad, glb,
                glbBanks, noc, dramLink, energy, mappings, o, computeModes, sparsity, limits);
    }

    public RowStationaryArch withMappings(Map<String, MappingSpec> m) {
        return new RowStationaryArch(name, source, clockMhz, wordBits, rows, cols, ifmapSpad, filterSpad, psumSpad, glb,
                glbBanks, noc, dramLink, energy, m, objective, computeModes, sparsity, limits);
    }
}
