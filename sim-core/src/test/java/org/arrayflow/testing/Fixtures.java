package org.arrayflow.testing;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.kind.systolic.SystolicArch;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;

import java.util.Locale;

/** Small architectures and workloads written as YAML text, and helpers to read a layer's traffic. */
public final class Fixtures {
    private Fixtures() {}

    /**
     * A systolic array with three separate SRAMs (ifmap, filter, ofmap; partial sums in the ofmap SRAM),
     * 8-bit words, 32-bit accumulators, 1 GHz, so {@code gbps} GB/s is {@code gbps} bytes per cycle.
     */
    public static SystolicArch separate(int rows, int cols, String dataflow, double ifKib, double wKib, double oKib,
                                        double gbps, long latency) {
        String yaml = String.format(Locale.ROOT, """
                format: arrayflow-arch/1
                name: test-%dx%d
                type: systolic
                clock_mhz: 1000
                word_bits: 8
                dataflow: %s
                pe_array: {rows: %d, cols: %d, accumulator_bits: 32}
                memory:
                  ifmap_sram: {size_kib: %s}
                  filter_sram: {size_kib: %s}
                  ofmap_sram: {size_kib: %s}
                  dram: {bandwidth_gb_s: %s, latency_cycles: %d}
                """, rows, cols, dataflow, rows, cols, ifKib, wKib, oKib, gbps, latency);
        return (SystolicArch) ArchLoader.parse("test.yaml", yaml);
    }

    /** TPU-like layout: a unified buffer for activations, a weight buffer and separate accumulators. */
    public static SystolicArch unified(int rows, int cols, String dataflow, double ubKib, double wKib, double accKib,
                                       double gbps, long latency) {
        String yaml = String.format(Locale.ROOT, """
                format: arrayflow-arch/1
                name: unified-%dx%d
                type: systolic
                clock_mhz: 1000
                word_bits: 8
                dataflow: %s
                pe_array: {rows: %d, cols: %d, accumulator_bits: 32}
                memory:
                  unified_buffer: {size_kib: %s, holds: [ifmap, ofmap]}
                  weight_buffer: {size_kib: %s, holds: [weight]}
                  accumulators: {size_kib: %s, holds: [psum]}
                  dram: {bandwidth_gb_s: %s, latency_cycles: %d}
                """, rows, cols, dataflow, rows, cols, ubKib, wKib, accKib, gbps, latency);
        return (SystolicArch) ArchLoader.parse("test.yaml", yaml);
    }

    /** A one-layer workload on a {@code c x h x w} input; {@code layerYaml} is the flow mapping of the layer. */
    public static Network network(int c, int h, int w, String... layerYaml) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, """
                format: arrayflow-workload/1
                name: test
                input: {channels: %d, height: %d, width: %d}
                layers:
                """, c, h, w));
        for (String l : layerYaml) {
            sb.append("  - ").append(l).append('\n');
        }
        return WorkloadLoader.parse("test-workload.yaml", sb.toString(), 0);
    }

    public static Layer gemm(long m, long k, long n) {
        return network(1, 1, 1, String.format(Locale.ROOT, "{name: g, type: gemm, m: %d, k: %d, n: %d}", m, k, n))
                .layers().get(0);
    }

    /** One layer alone: everything comes from DRAM and goes back to it. */
    public static LayerResult isolated(SystolicArch arch, Layer layer) {
        LayerContext ctx = LayerContext.isolated(layer.inputShapes().size(), arch.buffers().size());
        return Simulator.simulateLayer(arch, layer, ctx, false);
    }

    /** The traffic line of a level and tensor, or an all-zero line if there was none. */
    public static Traffic traffic(LayerResult r, String level, String tensor) {
        for (Traffic t : r.traffic()) {
            if (t.level().equals(level) && t.tensor().equals(tensor)) {
                return t;
            }
        }
        return new Traffic(level, tensor, 0, 0, 0, 0, 0);
    }
}
