package org.arrayflow.result;

import org.arrayflow.engine.EngineResult;

import java.util.List;
import java.util.Map;

/**
 * What one layer cost: time from the engine, accesses per level and tensor, energy line items, and
 * how it was mapped. Utilisation = MACs / (PEs x total cycles). {@code busy} gives the cycles each engine
 * resource (array, DRAM link, vector unit, ...) was occupied, in the order the dataflow declared them.
 */
public record LayerResult(int index, String name, String kind, String shape, long macs, long weights,
                          long totalCycles, long computeCycles, long stallCycles, double utilization,
                          List<Traffic> traffic, List<EnergyItem> energy, Map<String, String> mapping,
                          Map<String, Long> busy, List<EngineResult.TraceEvent> trace) {

    public LayerResult {
        traffic = List.copyOf(traffic);
        energy = List.copyOf(energy);
        mapping = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mapping));
        busy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(busy));
        trace = trace == null ? List.of() : trace;
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

    public LayerResult renamed(int newIndex, String newName) {
        return new LayerResult(newIndex, newName, kind, shape, macs, weights, totalCycles, computeCycles, stallCycles,
                utilization, traffic, energy, mapping, busy, trace);
    }
}
