package org.arrayflow.report;

import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bars of a per-layer chart: one per layer, or, for a network of more layers than a chart can show one bar
 * each ({@link #MAX_BARS}: the widest chart, 4000 px, at 16 px a bar), one per layer family: layers whose names
 * differ only in their numbers (l0_q, l1_q, ... l79_q as "l#_q"), summed. A transformer of 80 blocks then draws
 * its 15 kinds of layer, each the sum over the blocks, where one bar per layer would be 1,202 bars too thin to
 * read and slow to draw. A network whose families are still too many keeps one bar per layer.
 *
 * @param label  the layer's name, or the family's with its numbers as #
 * @param layers the layers summed, in network order
 */
record LayerBars(String label, List<LayerResult> layers) {
    static final int MAX_BARS = (4000 - 160) / 16;

    /** The bars of {@code r}'s per-layer charts. */
    static List<LayerBars> of(NetworkResult r) {
        List<LayerBars> one = new ArrayList<>();
        for (LayerResult l : r.layers()) {
            one.add(new LayerBars(l.name(), List.of(l)));
        }
        if (one.size() <= MAX_BARS) {
            return one;
        }
        Map<String, List<LayerResult>> families = new LinkedHashMap<>();
        for (LayerResult l : r.layers()) {
            families.computeIfAbsent(l.name().replaceAll("[0-9]+", "#"), k -> new ArrayList<>()).add(l);
        }
        if (families.size() > MAX_BARS) {
            return one;
        }
        List<LayerBars> out = new ArrayList<>();
        families.forEach((name, ls) -> out.add(new LayerBars(name, List.copyOf(ls))));
        return out;
    }

    /** Whether {@code bars} are families rather than layers. */
    static boolean grouped(List<LayerBars> bars, NetworkResult r) {
        return bars.size() != r.layers().size();
    }

    long computeCycles() {
        return layers.stream().mapToLong(LayerResult::computeCycles).sum();
    }

    long stallCycles() {
        return layers.stream().mapToLong(LayerResult::stallCycles).sum();
    }

    double energyPj(String component) {
        return layers.stream().mapToDouble(l -> l.energyPj(component)).sum();
    }

    long bytes(String level, String tensor) {
        long b = 0;
        for (LayerResult l : layers) {
            for (Traffic t : l.traffic()) {
                if (t.level().equals(level) && t.tensor().equals(tensor)) {
                    b += t.bytes();
                }
            }
        }
        return b;
    }

    /** Utilisation over the bar's layers: their MACs in PE-cycles at their rates over PEs x their cycles. */
    double utilization(long peCount) {
        if (layers.size() == 1) {
            return layers.get(0).utilization();
        }
        double peCycles = layers.stream().mapToDouble(LayerResult::peCycles).sum();
        long cycles = layers.stream().mapToLong(LayerResult::totalCycles).sum();
        return cycles == 0 ? 0 : peCycles / ((double) peCount * cycles);
    }
}
