package org.arrayflow.result;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A network run on one architecture: layer results in order and their totals. */
public record NetworkResult(String arch, String archKind, String archSource, String workload, String workloadSource,
                            int batch, double clockMhz, long peCount, List<LayerResult> layers) {

    public NetworkResult {
        layers = List.copyOf(layers);
    }

    public long macs() {
        return layers.stream().mapToLong(LayerResult::macs).sum();
    }

    public long totalCycles() {
        return layers.stream().mapToLong(LayerResult::totalCycles).sum();
    }

    public long computeCycles() {
        return layers.stream().mapToLong(LayerResult::computeCycles).sum();
    }

    public long stallCycles() {
        return layers.stream().mapToLong(LayerResult::stallCycles).sum();
    }

    public double utilization() {
        long c = totalCycles();
        return c == 0 ? 0 : (double) macs() / ((double) peCount * c);
    }

    public double energyPj() {
        return layers.stream().mapToDouble(LayerResult::energyPj).sum();
    }

    public double energyPj(String component) {
        return layers.stream().mapToDouble(l -> l.energyPj(component)).sum();
    }

    public long bytes(String level) {
        return layers.stream().mapToLong(l -> l.bytes(level)).sum();
    }

    public double seconds() {
        return totalCycles() / (clockMhz * 1e6);
    }

    /** Energy components in first-seen order (stable across runs). */
    public List<String> energyComponents() {
        Set<String> s = new LinkedHashSet<>();
        for (LayerResult l : layers) {
            for (EnergyItem i : l.energy()) {
                s.add(i.component());
            }
        }
        return new ArrayList<>(s);
    }

    /** Memory levels in first-seen order. */
    public List<String> levels() {
        Set<String> s = new LinkedHashSet<>();
        for (LayerResult l : layers) {
            for (Traffic t : l.traffic()) {
                s.add(t.level());
            }
        }
        return new ArrayList<>(s);
    }
}
