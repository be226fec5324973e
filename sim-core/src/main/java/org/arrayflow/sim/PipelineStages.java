package org.arrayflow.sim;

import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.Chips;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pipeline parallelism over identical chips ({@code chips: parallelism: pipeline}): the network's layers (each as
 * one chip runs it) in contiguous stages, one chip each, balanced so that the slowest stage is as fast as any
 * contiguous split allows. A stage's last layer sends its output to the next chip over one link (bytes / bw +
 * one hop), added to that layer's time: the results' total is then the latency of one input. In steady state the
 * chips work on successive inputs at once, so an input leaves every max(slowest stage, slowest transfer) cycles
 * (the link is its own resource): the throughput. Each layer's mapping says its stage, the bottleneck and both.
 */
final class PipelineStages {
    private PipelineStages() {}

    static List<LayerResult> assign(Architecture arch, Network net, List<LayerResult> layers) {
        Chips chips = arch.chips();
        long[] cycles = layers.stream().mapToLong(LayerResult::totalCycles).toArray();
        int[] stage = stages(cycles, chips.count());
        int stages = stage.length == 0 ? 0 : stage[stage.length - 1] + 1;
        long[] stageCycles = new long[stages];
        for (int i = 0; i < cycles.length; i++) {
            stageCycles[stage[i]] += cycles[i];
        }
        long[] send = new long[cycles.length];
        long slowestSend = 0;
        for (int i = 0; i + 1 < cycles.length; i++) {
            if (stage[i] != stage[i + 1]) {
                long bytes = outputBytes(arch, net, layers.get(i + 1).index());
                send[i] = chips.sendCycles(bytes, arch.clockMhz());
                slowestSend = Math.max(slowestSend, send[i]);
            }
        }
        int bottleneck = 0;
        for (int s = 1; s < stages; s++) {
            bottleneck = stageCycles[s] > stageCycles[bottleneck] ? s : bottleneck;
        }
        long interval = Math.max(stages == 0 ? 0 : stageCycles[bottleneck], slowestSend);
        double perSecond = interval == 0 ? 0 : arch.clockMhz() * 1e6 / interval;
        String summary = stages + " stages on " + chips.count() + " chips, bottleneck stage " + bottleneck + " ("
                + (stages == 0 ? 0 : stageCycles[bottleneck]) + " cycles), an input every " + interval + " cycles: "
                + String.format(java.util.Locale.ROOT, "%.6g", perSecond) + " inputs/s";
        List<LayerResult> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            out.add(staged(arch, net, layers.get(i), stage[i], send[i],
                    i + 1 < layers.size() ? layers.get(i + 1).index() : Integer.MAX_VALUE, summary));
        }
        return out;
    }

    /** A stage per layer (0-based, non-decreasing): contiguous, at most {@code chips}, the largest sum least. */
    static int[] stages(long[] cycles, int chips) {
        long lo = 0;
        long hi = 0;
        for (long c : cycles) {
            lo = Math.max(lo, c);
            hi += c;
        }
        while (lo < hi) { // the least bound on a stage's cycles that a greedy fill meets with `chips` stages
            long mid = lo + (hi - lo) / 2;
            if (fill(cycles, mid, null) <= chips) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int[] stage = new int[cycles.length];
        fill(cycles, lo, stage);
        return stage;
    }

    private static int fill(long[] cycles, long bound, int[] stage) {
        int s = 0;
        long sum = 0;
        for (int i = 0; i < cycles.length; i++) {
            if (sum + cycles[i] > bound && sum > 0) {
                s++;
                sum = 0;
            }
            sum += cycles[i];
            if (stage != null) {
                stage[i] = s;
            }
        }
        return cycles.length == 0 ? 0 : s + 1;
    }

    /** The output of the unit (a layer, or a fused group's last layer) just before the layer at index {@code next}. */
    private static long outputBytes(Architecture arch, Network net, int next) {
        var layer = net.layers().stream().filter(l -> l.index() < next).reduce((a, b) -> b).orElseThrow();
        return arch.precision(layer).bytes(Tensor.OFMAP, layer.output().elements() * layer.batch());
    }

    private static LayerResult staged(Architecture arch, Network net, LayerResult r, int stage, long send, int next,
                                      String summary) {
        Map<String, String> m = new LinkedHashMap<>(r.mapping());
        m.put("stage", stage + (send > 0 ? ", output sent to the next chip in " + send + " cycles" : ""));
        m.put("pipeline", summary);
        if (send == 0) {
            return new LayerResult(r.layer(), r.timing(), r.traffic(), r.energy(), r.activity(), m, r.busy(), r.trace());
        }
        long bytes = outputBytes(arch, net, next);
        List<Traffic> traffic = new ArrayList<>(r.traffic());
        traffic.add(new Traffic("link", Tensor.OFMAP.label(), 0, 0, 0, 0, bytes));
        List<EnergyItem> energy = new ArrayList<>(r.energy());
        energy.add(EnergyItem.of("link", "ofmap bytes sent to the next stage", bytes, arch.chips().energyPjPerByte()));
        Map<String, Long> busy = new LinkedHashMap<>(r.busy());
        busy.put("link", send);
        long total = r.totalCycles() + send;
        double util = total == 0 ? 0 : r.utilization() * r.totalCycles() / total;
        return new LayerResult(r.layer(), new LayerResult.Timing(total, r.computeCycles(), total - r.computeCycles(),
                util, r.timing().rate()), traffic, energy, r.activity(), m, busy, r.trace());
    }
}
