package org.arrayflow.dataflow;

import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Decides which activations stay on chip between layers. Only architectures with a buffer that holds
 * both ifmap and ofmap (a unified buffer) can keep them; a layer's output stays there if, over its whole
 * lifetime (to its last reader, residual branches included), the kept tensors take at most half the
 * buffer, leaving the other half for the layers' working tiles. Greedy in execution order, so the
 * decision is deterministic. The network input starts in DRAM and the last layer's output ends there.
 */
public final class ResidencyPlan {
    private ResidencyPlan() {}

    /** Every activation in DRAM between layers: for kinds without a buffer that holds ifmaps and ofmaps. */
    public static List<LayerContext> offChip(Network net, int bufferCount, boolean scaleSimCompat) {
        return plan(net, bufferCount, -1, 0, l -> 0, scaleSimCompat);
    }

    /**
     * @param bufferCount      the kind's capacity-limited buffers (the length of each context's resident bytes)
     * @param activationBuffer index of the buffer holding both ifmap and ofmap, or -1
     * @param activationBytes  its capacity
     * @param outputBytes      bytes of a layer's output, as the kind stores it
     */
    public static List<LayerContext> plan(Network net, int bufferCount, int activationBuffer, long activationBytes,
                                          ToLongFunction<Layer> outputBytes, boolean scaleSimCompat) {
        List<Layer> layers = net.layers();
        int n = layers.size();
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < n; i++) {
            producer.put(layers.get(i).name(), i);
        }
        int[] lastUse = new int[n];
        Arrays.fill(lastUse, -1);
        for (int i = 0; i < n; i++) {
            for (String in : layers.get(i).inputs()) {
                Integer p = producer.get(in);
                if (p != null) {
                    lastUse[p] = Math.max(lastUse[p], i);
                }
            }
        }
        boolean[] kept = new boolean[n];
        long[] live = new long[n];
        if (activationBuffer >= 0 && !scaleSimCompat) {
            long budget = activationBytes / 2;
            for (int p = 0; p < n; p++) {
                if (lastUse[p] < 0) {
                    continue;
                }
                long size = outputBytes.applyAsLong(layers.get(p));
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
        for (int i = 0; i < n; i++) {
            Layer l = layers.get(i);
            List<Boolean> onChip = new ArrayList<>();
            for (String in : l.inputs()) {
                Integer p = in.equals(WorkloadLoader.INPUT) ? null : producer.get(in);
                onChip.add(p != null && kept[p]);
            }
            if (onChip.isEmpty()) {
                onChip.add(false);
            }
            long[] resident = new long[bufferCount];
            if (activationBuffer >= 0) {
                // Live kept tensors at this layer, minus its own output (reserved by the layer itself).
                resident[activationBuffer] = live[i] - (kept[i] ? outputBytes.applyAsLong(l) : 0);
            }
            out.add(new LayerContext(onChip, kept[i], resident, scaleSimCompat));
        }
        return out;
    }
}
