package org.arrayflow.result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network run on one architecture: layer results in order and their totals. Immutable; the totals, the
 * levels and the energy components are computed once when it is made, so reading them per layer costs
 * nothing (a report of a 10,000-layer network stays linear).
 *
 * <p>Energy may be not modelled (the inputs carry no energy figures, as SCALE-Sim configurations): the layers
 * then hold no meaningful energy, and reports say so instead of showing zeros.
 */
public final class NetworkResult {
    private final String arch;
    private final String archKind;
    private final String archSource;
    private final String workload;
    private final String workloadSource;
    private final int batch;
    private final double clockMhz;
    private final long peCount;
    private final List<LayerResult> layers;
    private final long macs;
    private final long totalCycles;
    private final long computeCycles;
    private final long stallCycles;
    private final double energyPj;
    private final Map<String, Double> energyByComponent;
    private final Map<String, Long> bytesByLevel;
    private final String energyNotModelled;

    public NetworkResult(String arch, String archKind, String archSource, String workload, String workloadSource,
                         int batch, double clockMhz, long peCount, List<LayerResult> layers) {
        this(arch, archKind, archSource, workload, workloadSource, batch, clockMhz, peCount, layers, null);
    }

    /** @param energyNotModelled why energy is not modelled (shown in reports), or null when it is */
    public NetworkResult(String arch, String archKind, String archSource, String workload, String workloadSource,
                         int batch, double clockMhz, long peCount, List<LayerResult> layers, String energyNotModelled) {
        this.energyNotModelled = energyNotModelled;
        this.arch = arch;
        this.archKind = archKind;
        this.archSource = archSource;
        this.workload = workload;
        this.workloadSource = workloadSource;
        this.batch = batch;
        this.clockMhz = clockMhz;
        this.peCount = peCount;
        this.layers = List.copyOf(layers);
        Map<String, Integer> componentIndex = new LinkedHashMap<>();
        Map<String, Long> byLevel = new LinkedHashMap<>();
        for (LayerResult l : this.layers) {
            for (EnergyItem i : l.energy()) {
                componentIndex.putIfAbsent(i.component(), componentIndex.size());
            }
        }
        // perLayer[c][k] is layer k's energy of component c, added in item order as LayerResult.energyPj(c) does
        double[][] perLayer = new double[componentIndex.size()][this.layers.size()];
        for (int k = 0; k < this.layers.size(); k++) {
            LayerResult l = this.layers.get(k);
            for (EnergyItem i : l.energy()) {
                perLayer[componentIndex.get(i.component())][k] += i.energyPj();
            }
            for (Traffic tr : l.traffic()) {
                byLevel.merge(tr.level(), tr.bytes(), Long::sum);
            }
        }
        // energies are summed over layers as DoubleStream does (compensated), so totals do not depend on
        // rounding order effects
        Map<String, Double> byComponent = new LinkedHashMap<>();
        componentIndex.forEach((comp, c) -> byComponent.put(comp, Arrays.stream(perLayer[c]).sum()));
        this.macs = this.layers.stream().mapToLong(LayerResult::macs).sum();
        this.totalCycles = this.layers.stream().mapToLong(LayerResult::totalCycles).sum();
        this.computeCycles = this.layers.stream().mapToLong(LayerResult::computeCycles).sum();
        this.stallCycles = this.layers.stream().mapToLong(LayerResult::stallCycles).sum();
        this.energyPj = this.layers.stream().mapToDouble(LayerResult::energyPj).sum();
        this.energyByComponent = Collections.unmodifiableMap(byComponent);
        this.bytesByLevel = Collections.unmodifiableMap(byLevel);
    }

    public String arch() { return arch; }
    public String archKind() { return archKind; }
    public String archSource() { return archSource; }
    public String workload() { return workload; }
    public String workloadSource() { return workloadSource; }
    public int batch() { return batch; }
    public double clockMhz() { return clockMhz; }
    public long peCount() { return peCount; }
    public List<LayerResult> layers() { return layers; }

    public long macs() { return macs; }
    public long totalCycles() { return totalCycles; }
    public long computeCycles() { return computeCycles; }
    public long stallCycles() { return stallCycles; }

    public double utilization() {
        // each layer's MACs in PE-cycles at its own rate, so that a chip doing 2 fp16 MACs a PE is 100 % busy at most
        double peCycles = 0;
        for (LayerResult l : layers) {
            peCycles += l.peCycles();
        }
        return totalCycles == 0 ? 0 : peCycles / ((double) peCount * totalCycles);
    }

    public double energyPj() { return energyPj; }

    /** Whether the energy figures mean anything: false when the inputs have none (see {@link #withoutEnergy}). */
    public boolean energyModelled() { return energyNotModelled == null; }

    /** Why energy is not modelled, or null when it is. */
    public String energyNotModelled() { return energyNotModelled; }

    /** The same result with its energy marked not modelled, for inputs without energy figures. */
    public NetworkResult withoutEnergy(String reason) {
        return new NetworkResult(arch, archKind, archSource, workload, workloadSource, batch, clockMhz, peCount, layers,
                java.util.Objects.requireNonNull(reason));
    }

    /** Energy of one component over all layers (0 for a component no layer has). */
    public double energyPj(String component) {
        return energyByComponent.getOrDefault(component, 0.0);
    }

    /** Bytes moved at one memory level over all layers (0 for a level no layer touched). */
    public long bytes(String level) {
        return bytesByLevel.getOrDefault(level, 0L);
    }

    public double seconds() {
        return totalCycles / (clockMhz * 1e6);
    }

    /** Energy components in first-seen order (stable across runs). */
    public List<String> energyComponents() {
        return new ArrayList<>(energyByComponent.keySet());
    }

    /** Memory levels in first-seen order. */
    public List<String> levels() {
        return new ArrayList<>(bytesByLevel.keySet());
    }
}
