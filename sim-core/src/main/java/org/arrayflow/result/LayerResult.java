package org.arrayflow.result;

import org.arrayflow.engine.EngineTrace;

import java.util.List;
import java.util.Map;

/**
 * What one layer (or fused group) cost: its time from the engine, accesses per level and tensor, energy line
 * items, the activity they were priced from, and how it was mapped. Immutable; the steps after simulation
 * (a renamed copy of a repeated layer, SCALE-Sim's timing convention, re-pricing with other energy figures)
 * make changed copies with the {@code with...} methods.
 *
 * @param busy  cycles each engine resource (array, DRAM link, vector unit, ...) was occupied, in the order
 *              the planner declared them
 * @param trace every task's start and end and every buffer occupancy change, when traced (else empty)
 */
public record LayerResult(LayerInfo layer, Timing timing, List<Traffic> traffic, List<EnergyItem> energy,
                          Activity activity, Map<String, String> mapping, Map<String, Long> busy,
                          EngineTrace trace) {

    /**
     * Which layer this is: its position and name, type ({@code fused} for a fused group), shape as shown,
     * its useful MACs and its weight elements.
     */
    public record LayerInfo(int index, String name, String kind, String shape, long macs, long weights) {}

    /**
     * Time: total, array-busy (compute) and the rest (stall) cycles; utilisation = MACs / (PEs x rate x total
     * cycles), {@code rate} being the MACs a PE does per cycle in the layer's mode (2 for fp16 on a TF32 PE), so
     * that it is at most 1 whatever the datatype.
     */
    public record Timing(long totalCycles, long computeCycles, long stallCycles, double utilization, int rate) {
        public Timing {
            if (rate < 1) {
                throw new IllegalArgumentException("rate " + rate + " < 1");
            }
        }

        /** A layer at one MAC per PE per cycle. */
        public Timing(long totalCycles, long computeCycles, long stallCycles, double utilization) {
            this(totalCycles, computeCycles, stallCycles, utilization, 1);
        }
    }

    public LayerResult {
        traffic = List.copyOf(traffic);
        energy = List.copyOf(energy);
        mapping = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mapping));
        busy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(busy));
        trace = trace == null ? EngineTrace.NONE : trace;
    }

    public int index() { return layer.index(); }
    public String name() { return layer.name(); }
    public String kind() { return layer.kind(); }
    public String shape() { return layer.shape(); }
    public long macs() { return layer.macs(); }
    public long weights() { return layer.weights(); }
    public long totalCycles() { return timing.totalCycles(); }
    public long computeCycles() { return timing.computeCycles(); }
    public long stallCycles() { return timing.stallCycles(); }
    public double utilization() { return timing.utilization(); }

    /** PE-cycles its MACs take at the mode's rate: MACs / rate (the MACs themselves at one a cycle). */
    public double peCycles() {
        return timing.rate() == 1 ? macs() : (double) macs() / timing.rate();
    }

    public double energyPj() {
        double e = 0;
        for (EnergyItem i : energy) {
            e += i.energyPj();
        }
        return e;
    }

    /** Energy of one component (summed over its line items). */
    public double energyPj(String component) {
        double e = 0;
        for (EnergyItem i : energy) {
            if (i.component().equals(component)) {
                e += i.energyPj();
            }
        }
        return e;
    }

    public long bytes(String level) {
        long b = 0;
        for (Traffic t : traffic) {
            if (t.level().equals(level)) {
                b += t.bytes();
            }
        }
        return b;
    }

    /** The same result for another layer of identical shape and context. */
    public LayerResult renamed(int newIndex, String newName) {
        LayerInfo l = new LayerInfo(newIndex, newName, layer.kind(), layer.shape(), layer.macs(), layer.weights());
        return new LayerResult(l, timing, traffic, energy, activity, mapping, busy, trace);
    }

    public LayerResult withTiming(Timing t) {
        return new LayerResult(layer, t, traffic, energy, activity, mapping, busy, trace);
    }

    public LayerResult withEnergy(List<EnergyItem> items) {
        return new LayerResult(layer, timing, traffic, items, activity, mapping, busy, trace);
    }

    public LayerResult withoutTrace() {
        return new LayerResult(layer, timing, traffic, energy, activity, mapping, busy, EngineTrace.NONE);
    }
}
