package org.arrayflow.sim;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.result.LayerResult;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Layers;
import org.arrayflow.workload.Network;

import java.util.List;

/**
 * The small array the multi-core and multi-chip hand tests derive their cycles on: a 4 x 4 weight-stationary array
 * at 1 GHz (so GB/s are bytes a cycle), 8-bit words, three 64 KiB buffers and a DRAM of 10 cycles' latency.
 */
final class Systolic4x4 {
    private Systolic4x4() {}

    /** The array with a DRAM of {@code gbps} and {@code extra} YAML (a cores: or chips: block) after it. */
    static Architecture arch(double gbps, String extra) {
        return arch(gbps, "", extra);
    }

    /** The same, with {@code dramKeys} added to the DRAM entry (", size_gib: 1", say). */
    static Architecture arch(double gbps, String dramKeys, String extra) {
        return ArchLoader.parse("a.yaml", """
                format: arrayflow-arch/1
                name: small
                type: systolic
                clock_mhz: 1000
                word_bits: 8
                dataflow: weight-stationary
                pe_array: {rows: 4, cols: 4, accumulator_bits: 32}
                memory:
                  ifmap_sram: {size_kib: 64}
                  filter_sram: {size_kib: 64}
                  ofmap_sram: {size_kib: 64}
                  dram: {bandwidth_gb_s: %s, latency_cycles: 10%s}
                """.formatted(gbps, dramKeys) + extra);
    }

    /** The one layer's result of a network of {@code l} alone. */
    static LayerResult run(Architecture a, Layer l) {
        Network net = new Network("n", "", l.batch(), l.input(), List.of(l));
        return Simulator.run(a, net, SimOptions.DEFAULT).layers().get(0);
    }

    /** A GEMM of {@code m} rows (tokens), reduction 4 and {@code n} output channels. */
    static Layer gemm(long m, long n) {
        return Layers.gemm(0, "g", List.of("input"), 1, m, 4, n);
    }

    /** Bytes of {@code tensor} a result moves to or from DRAM. */
    static long dram(LayerResult r, String tensor) {
        return r.traffic().stream().filter(t -> t.level().equals("dram") && t.tensor().equals(tensor))
                .mapToLong(t -> t.bytes()).sum();
    }
}
