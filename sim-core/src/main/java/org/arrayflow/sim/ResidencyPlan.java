package org.arrayflow.sim;

import org.arrayflow.arch.KindModel;
import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which activations stay on chip between layers. Only architectures with a buffer that holds
 * both ifmap and ofmap (a unified buffer) can keep them; a layer's output stays there if, over its whole
 * lifetime (to its last reader, residual branches included), the kept tensors take at most half the
 * buffer, leaving the other half for the layers' working tiles. Greedy in execution order, so the
 * decision is deterministic. The network input starts in DRAM and the last layer's output ends there.
 */
public final class ResidencyPlan {
    private ResidencyPlan() {}

    public static List<LayerContext> plan(Network net, KindModel model, boolean scaleSimCompat) {
        List<Layer> layers = net.layers();
        int n = layers.size();
        Map<String, Integer> producer = new HashMap<>();
        for (Layer l : layers) {
            producer.put(l.name(), l.index());
        }
        int[] lastUse = new int[n];
        for (int i = 0; i < n; i++) {
            lastUse[i] = -1;
        }
        for (Layer l : layers) {
            for (String in : l.inputs()) {
                Integer p = producer.get(in);
                if (p != null) {
                    lastUse[p] = Math.max(lastUse[p], l.index());
                }
            }
        }
        boolean[] kept = new boolean[n];
        long[] live = new long[n];
        int wordBytes = (model.wordBits() + 7) / 8;
        if (model.activationBuffer() >= 0 && !scaleSimCompat) {
            long budget = model.activationBufferBytes() / 2;
            for (int p = 0; p < n; p++) {
                if (lastUse[p] < 0) {
                    continue;
                }
                long size = layers.get(p).outputWords() * wordBytes;
                long peak = 0;
                for (int i = p; i <= lastUse[p]; i++) {
                    peak = Math.max(peak, live[i]);
                }
                if (peak + size <= budget) {
                    kept[p] = true;
                    for (int i = p; i <= lastUse[p]; i++) {
                        live[i] += size;
                    }
                }
            }
        }
        List<LayerContext> out = new ArrayList<>(n);
        for (Layer l : layers) {
            List<Boolean> onChip = new ArrayList<>();
            for (String in : l.inputs()) {
                Integer p = in.equals(WorkloadLoader.INPUT) ? null : producer.get(in);
                onChip.add(p != null && kept[p]);
            }
            if (onChip.isEmpty()) {
                onChip.add(false);
            }
            long[] resident = new long[model.bufferCount()];
            if (model.activationBuffer() >= 0) {
                // Live kept tensors at this layer, minus its own output (reserved by the layer itself).
                resident[model.activationBuffer()] = live[l.index()]
                        - (kept[l.index()] ? l.outputWords() * wordBytes : 0);
            }
            out.add(new LayerContext(onChip, kept[l.index()], resident, scaleSimCompat));
        }
        return out;
    }
}
