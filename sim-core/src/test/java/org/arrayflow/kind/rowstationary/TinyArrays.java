package org.arrayflow.kind.rowstationary;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.WorkloadLoader;

/** Small architectures and layers written inline, and helpers to read a layer result. */
final class TinyArrays {
    private TinyArrays() {}

    /** What every tiny array shares: a 3 x 4 array of 16-bit PEs at 100 MHz. */
    private static final String HEAD = String.join("\n", "format: arrayflow-arch/1", "name: tiny-3x4",
            "type: row-stationary", "clock_mhz: 100", "word_bits: 16", "pe_array: {rows: 3, cols: 4}");

    /**
     * A 3 x 4 array; ifmap spad 3, filter spad 6, psum spad 2 entries; one 1 KiB GLB holding everything;
     * every network one 16-bit word per cycle; a 16-bit DRAM bus at the core clock (2 bytes per cycle).
     */
    static String arch(String mappings) {
        return String.join("\n",
                HEAD,
                "scratchpads: {ifmap: {entries: 3}, filter: {entries: 6}, psum: {entries: 2}}",
                "global_buffer: {partitions: {glb: {size_kib: 1, holds: [ifmap, psum, weight]}}}",
                "noc: {ifmap_gin_bits: 16, filter_gin_bits: 16, psum_gin_bits: 16, gon_bits: 16, local_link_bits: 16}",
                "dram: {bus_bits: 16, clock_mhz: 100}",
                "energy: {table: isca16-normalized}",
                mappings, "");
    }

    /**
     * The same 3 x 4 array with 64-bit networks (so the PEs, not the networks, bound a pass), the given scratchpad
     * entries and DRAM, int16 at one MAC a cycle and int8 at {@code rate} (at {@code int8MacPj}), then {@code more}.
     */
    static RowStationaryArch wide(String scratchpads, String dram, int rate, double int8MacPj, String... more) {
        return load(String.join("\n",
                HEAD,
                "scratchpads: " + scratchpads,
                "global_buffer: {partitions: {glb: {size_kib: 1, holds: [ifmap, psum, weight]}}}",
                "noc: {ifmap_gin_bits: 64, filter_gin_bits: 64, psum_gin_bits: 64, gon_bits: 64, local_link_bits: 64}",
                "dram: " + dram,
                "energy: {table: isca16-normalized}",
                "datatypes:",
                "  int16: {macs_per_cycle: 1}",
                "  int8: {macs_per_cycle: " + rate + ", mac_pj: " + int8MacPj + "}",
                String.join("\n", more), ""));
    }

    static RowStationaryArch load(String yaml) {
        return (RowStationaryArch) ArchLoader.parse("tiny.yaml", yaml);
    }

    /** One conv layer over a channels x size x size input. */
    static Layer conv(int channels, int size, int filters, int kernel, int stride, int padding, int batch) {
        String w = String.join("\n",
                "format: arrayflow-workload/1",
                "name: one",
                "batch: " + batch,
                "input: {channels: " + channels + ", height: " + size + ", width: " + size + "}",
                "layers:",
                "  - {name: l1, type: conv2d, filters: " + filters + ", kernel: " + kernel + ", stride: " + stride
                        + ", padding: " + padding + "}", "");
        return WorkloadLoader.parse("one.yaml", w, 0).layers().get(0);
    }

    static LayerResult run(RowStationaryArch a, Layer l) {
        return Simulator.simulateLayer(a, l, LayerContext.isolated(1, 0), false);
    }

    /** Words of one access kind ("reads", "writes", "fills", "drains") at a level for a tensor. */
    static long count(LayerResult r, String level, String tensor, String kind) {
        for (Traffic t : r.traffic()) {
            if (t.level().equals(level) && t.tensor().equals(tensor)) {
                return switch (kind) {
                    case "reads" -> t.reads();
                    case "writes" -> t.writes();
                    case "fills" -> t.fills();
                    case "drains" -> t.drains();
                    default -> throw new IllegalArgumentException(kind);
                };
            }
        }
        return 0;
    }

    static long level(LayerResult r, String level) {
        long s = 0;
        for (Traffic t : r.traffic()) {
            if (t.level().equals(level)) {
                s += t.reads() + t.writes() + t.fills() + t.drains();
            }
        }
        return s;
    }
}
