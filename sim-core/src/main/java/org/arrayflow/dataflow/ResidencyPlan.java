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
 *
 * <p>Held tensors ({@link Network#held}, an LLM's KV cache) outlive the network, so they are decided first, for
 * the whole network, in order of first use, at the size they are allocated: a cache stays in the buffer if it fits
 * the same half beside the caches already kept there, and is read from DRAM otherwise. A layer output written into a cache kept on chip stays on
 * chip; one written into a cache in DRAM is stored there (the append), and layers of the network that read it
 * read it back from DRAM.
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
        return plan(net, bufferCount, activationBuffer, activationBytes, outputBytes, (l, i, e) -> 0, scaleSimCompat);
    }

    /** Bytes of {@code elements} elements of a layer's input {@code input} (-1: its output), as the kind stores it. */
    @FunctionalInterface
    public interface TensorBytes {
        long bytes(Layer layer, int input, long elements);
    }

    /** {@link #plan}, sizing held tensors by {@code heldBytes}. */
    public static List<LayerContext> plan(Network net, int bufferCount, int activationBuffer, long activationBytes,
                                          ToLongFunction<Layer> outputBytes, TensorBytes heldBytes,
                                          boolean scaleSimCompat) {
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
        boolean shares = activationBuffer >= 0 && !scaleSimCompat;
        Map<String, Boolean> cacheOnChip = heldOnChip(net, producer, shares ? activationBytes / 2 : 0, heldBytes,
                live);
        boolean[] decided = new boolean[n];
        for (int p = 0; p < n; p++) {
            Network.Held h = net.held().get(layers.get(p).name());
            String cache = h == null ? null : h.tensor();
            if (cache != null) {
                // written into a cache: kept exactly when the cache is (a prefill's cache is counted in live already)
                decided[p] = true;
                kept[p] = Boolean.TRUE.equals(cacheOnChip.get(cache));
                if (kept[p] && !cache.equals(layers.get(p).name())) {
                    long size = outputBytes.applyAsLong(layers.get(p));
                    for (int i = p; i < n; i++) {
                        live[i] += size;
                    }
                }
            }
        }
        if (shares) {
            long budget = activationBytes / 2;
            for (int p = 0; p < n; p++) {
                if (lastUse[p] < 0 || decided[p]) {
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
            for (int j = 0; j < l.inputs().size(); j++) {
                Boolean cache = cacheOnChip.get(l.inputs().get(j));
                if (cache != null && producer.get(l.inputs().get(j)) == null) {
                    onChip.set(j, cache);
                }
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

    /**
     * Which held caches stay on chip, in order of first use, each for the whole network within {@code budget}
     * beside those kept before it; their allocated bytes are added to {@code live} at every layer.
     */
    private static Map<String, Boolean> heldOnChip(Network net, Map<String, Integer> producer, long budget,
                                                   TensorBytes heldBytes, long[] live) {
        Map<String, Boolean> onChip = new java.util.LinkedHashMap<>();
        if (net.held().isEmpty()) {
            return onChip;
        }
        Map<String, Long> allocated = new HashMap<>();
        for (Network.Held h : net.held().values()) {
            allocated.put(h.tensor(), h.elements());
        }
        long used = 0;
        for (Layer l : net.layers()) {
            List<String> names = new ArrayList<>(l.inputs());
            names.add(l.name());
            for (int j = 0; j < names.size(); j++) {
                String t = names.get(j);
                boolean own = j == names.size() - 1;
                if (!allocated.containsKey(t) || onChip.containsKey(t) || !own && producer.containsKey(t)) {
                    continue; // not a cache, decided already, or a prefill's cache, decided where its layer writes it
                }
                long size = heldBytes.bytes(l, own ? -1 : j, allocated.get(t));
                boolean fits = budget > 0 && used + size <= budget; // no shared buffer: every cache streams
                onChip.put(t, fits);
                if (fits) {
                    used += size;
                    for (int i = 0; i < live.length; i++) {
                        live[i] += size;
                    }
                }
            }
        }
        return onChip;
    }
}
