package org.arrayflow.sim;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.kind.systolic.SystolicArch;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.testing.Fixtures;
import org.arrayflow.workload.Layer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded property tests: random small layers (conv with random kernel, stride, padding, groups; fc; gemm;
 * pooling) on random systolic arrays (1..64 x 1..64, each dataflow, separate SRAMs or a unified buffer,
 * buffer sizes from 64 B up, DRAM rates, latencies and channels). For each layer in isolation:
 * the MACs done equal the layer's; cycles are at least both the compute bound (MACs / PEs) and the DRAM
 * bound (bytes / bytes per cycle); DRAM moves at least the compulsory traffic (input, weights and output,
 * each once); no count is negative; total = compute + stall. A buffer too small for the layer may refuse it
 * with a MappingException (a user-facing message), never with another exception.
 */
class ConservationPropertyTest {
    private static final int CASES = 400;

    record Case(int seed, SystolicArch arch, Layer layer, String description) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + description;
        }
    }

    static Stream<Case> cases() {
        return IntStream.range(0, CASES).mapToObj(ConservationPropertyTest::make);
    }

    static Case make(int seed) {
        SplittableRandom rnd = new SplittableRandom(0x5eed_0000L + seed);
        String archYaml = randomArch(rnd);
        SystolicArch arch = (SystolicArch) ArchLoader.parse("random-arch-" + seed + ".yaml", archYaml);
        String layerYaml;
        int c = 1 + rnd.nextInt(16);
        int h = 1 + rnd.nextInt(20);
        int w = 1 + rnd.nextInt(20);
        switch (rnd.nextInt(5)) {
            case 0:
            case 1: {
                int pad = rnd.nextInt(3);
                // padding smaller than the kernel (Layers refuses more): raised where drawn smaller, so the
                // draws that follow, and every other case, stay as they were
                int kh = Math.max(pad + 1, 1 + rnd.nextInt(Math.min(5, h + 2 * pad)));
                int kw = Math.max(pad + 1, 1 + rnd.nextInt(Math.min(5, w + 2 * pad)));
                int stride = 1 + rnd.nextInt(3);
                int groups = divisorOf(c, rnd);
                int filters = groups * (1 + rnd.nextInt(8));
                layerYaml = String.format(Locale.ROOT,
                        "{name: l, type: conv2d, filters: %d, kernel: [%d, %d], stride: %d, padding: %d, groups: %d}",
                        filters, kh, kw, stride, pad, groups);
                break;
            }
            case 2:
                layerYaml = "{name: l, type: fc, outputs: " + (1 + rnd.nextInt(100)) + "}";
                break;
            case 3:
                layerYaml = String.format(Locale.ROOT, "{name: l, type: gemm, m: %d, k: %d, n: %d}",
                        1 + rnd.nextInt(100), 1 + rnd.nextInt(100), 1 + rnd.nextInt(100));
                break;
            default: {
                int k = 1 + rnd.nextInt(Math.min(3, Math.min(h, w)));
                layerYaml = rnd.nextInt(3) == 0 ? "{name: l, type: global_avgpool}"
                        : "{name: l, type: maxpool, kernel: " + k + ", stride: " + (1 + rnd.nextInt(2)) + "}";
            }
        }
        String batch = rnd.nextInt(4) == 0 ? "batch: 2\n" : "";
        String workload = String.format(Locale.ROOT, """
                format: arrayflow-workload/1
                name: random
                %sinput: {channels: %d, height: %d, width: %d}
                layers:
                  - %s
                """, batch, c, h, w, layerYaml);
        Layer layer = org.arrayflow.workload.WorkloadLoader.parse("random-" + seed + ".yaml", workload, 0)
                .layers().get(0);
        return new Case(seed, arch, layer, arch.rows() + "x" + arch.cols() + " " + arch.dataflow().shortName() + " "
                + arch.buffers().stream().map(b -> b.name() + "=" + b.sizeBytes()).toList() + " " + layerYaml
                + " on " + c + "x" + h + "x" + w);
    }

    private static int divisorOf(int c, SplittableRandom rnd) {
        List<Integer> d = new ArrayList<>();
        for (int i = 1; i <= c; i++) {
            if (c % i == 0) {
                d.add(i);
            }
        }
        return d.get(rnd.nextInt(d.size()));
    }

    /** Buffer size in KiB, log-uniform from 64 B to 256 KiB. */
    private static String kib(SplittableRandom rnd) {
        double bytes = Math.pow(2, 6 + rnd.nextInt(13));
        return String.valueOf(bytes / 1024);
    }

    private static String randomArch(SplittableRandom rnd) {
        String df = List.of("weight-stationary", "output-stationary", "input-stationary").get(rnd.nextInt(3));
        int rows = 1 + rnd.nextInt(64);
        int cols = 1 + rnd.nextInt(64);
        int wordBits = rnd.nextBoolean() ? 8 : 16;
        String memory;
        if (rnd.nextBoolean()) {
            memory = String.format(Locale.ROOT, """
                      ifmap_sram: {size_kib: %s}
                      filter_sram: {size_kib: %s}
                      ofmap_sram: {size_kib: %s}
                    """, kib(rnd), kib(rnd), kib(rnd));
        } else {
            memory = String.format(Locale.ROOT, """
                      unified_buffer: {size_kib: %s, holds: [ifmap, ofmap]}
                      weight_buffer: {size_kib: %s, holds: [weight]}
                      accumulators: {size_kib: %s, holds: [psum]}
                    """, kib(rnd), kib(rnd), kib(rnd));
        }
        double gbps = List.of(0.5, 2.0, 8.0, 34.0, 300.0).get(rnd.nextInt(5));
        return String.format(Locale.ROOT, """
                format: arrayflow-arch/1
                name: random
                type: systolic
                clock_mhz: %d
                word_bits: %d
                dataflow: %s
                pe_array: {rows: %d, cols: %d}
                vector_unit: {lanes: %d}
                memory:
                %s  dram: {bandwidth_gb_s: %s, latency_cycles: %d, channels: %d}
                """, List.of(500, 1000).get(rnd.nextInt(2)), wordBits, df, rows, cols, 1 + rnd.nextInt(64), memory,
                gbps, rnd.nextInt(200), 1 + rnd.nextInt(4));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void countsAreConserved(Case c) {
        LayerResult r;
        try {
            r = Fixtures.isolated(c.arch(), c.layer());
        } catch (MappingException e) {
            assertThat(e.getMessage()).contains("layer");
            REFUSED.incrementAndGet();
            return;
        }
        RAN.incrementAndGet();
        Layer l = c.layer();
        long wb = c.arch().precision().bytes(Tensor.IFMAP, 1);
        // MACs done equal the layer's (the simulator also checks the engine's count against the layer)
        long macEvents = r.energy().stream().filter(e -> e.component().equals("mac")).mapToLong(EnergyItem::count).sum();
        assertThat(macEvents).isEqualTo(l.macs());
        assertThat(r.macs()).isEqualTo(l.macs());
        // time
        assertThat(r.computeCycles()).isPositive();
        assertThat(r.stallCycles()).isNotNegative();
        assertThat(r.totalCycles()).isEqualTo(r.computeCycles() + r.stallCycles());
        if (l.kind().isMatrix()) {
            assertThat(r.totalCycles()).isGreaterThanOrEqualTo(ceilDiv(l.macs(), c.arch().peCount()));
        }
        long dram = r.bytes("dram");
        double bpc = c.arch().dram().bytesPerCycle(c.arch().clockMhz());
        assertThat((double) r.totalCycles()).isGreaterThanOrEqualTo(Math.floor(dram / bpc));
        // compulsory DRAM traffic: every input word, weight and output word moved at least once
        long compulsory = (l.inputWords() + l.weights() + l.outputWords()) * wb;
        assertThat(dram).isGreaterThanOrEqualTo(compulsory);
        assertThat(sum(r, "dram", "ifmap", true)).isGreaterThanOrEqualTo(l.inputWords());
        assertThat(sum(r, "dram", "ofmap", false)).isEqualTo(l.outputWords());
        if (l.weights() > 0) {
            assertThat(sum(r, "dram", "weight", true)).isGreaterThanOrEqualTo(l.weights());
        }
        for (Traffic t : r.traffic()) {
            assertThat(List.of(t.reads(), t.writes(), t.fills(), t.drains(), t.bytes())).as(t.toString())
                    .allSatisfy(v -> assertThat(v).isNotNegative());
        }
        // every word a buffer sends to or receives from DRAM is a DRAM write or read of the same tensor
        for (String tensor : List.of("ifmap", "weight", "psum", "ofmap")) {
            long fills = r.traffic().stream().filter(t -> !t.level().equals("dram") && t.tensor().equals(tensor))
                    .mapToLong(Traffic::fills).sum();
            long drains = r.traffic().stream().filter(t -> !t.level().equals("dram") && t.tensor().equals(tensor))
                    .mapToLong(Traffic::drains).sum();
            assertThat(fills).as(tensor + " fills").isEqualTo(sum(r, "dram", tensor, true));
            assertThat(drains).as(tensor + " drains").isEqualTo(sum(r, "dram", tensor, false));
        }
        for (EnergyItem e : r.energy()) {
            assertThat(e.count()).isNotNegative();
            assertThat(e.energyPj()).isNotNegative();
        }
    }

    /** DRAM reads (true) or writes (false) of a tensor, in words. */
    private static long sum(LayerResult r, String level, String tensor, boolean reads) {
        return r.traffic().stream().filter(t -> t.level().equals(level) && t.tensor().equals(tensor))
                .mapToLong(t -> reads ? t.reads() : t.writes()).sum();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static final java.util.concurrent.atomic.AtomicInteger REFUSED = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger RAN = new java.util.concurrent.atomic.AtomicInteger();

    @org.junit.jupiter.api.AfterAll
    static void mostRandomCasesMap() {
        // Tiny buffers may refuse a layer; most cases must still run.
        assertThat(RAN.get() + REFUSED.get()).isEqualTo(CASES);
        assertThat(REFUSED.get()).isLessThan(CASES / 4);
    }

    @org.junit.jupiter.api.Test
    void countsBeyondTwoToThe31AreExact() {
        // 2048 x 2048 x 1024 = 4,294,967,296 MACs (2^32) on a 64x64 WS array: 32 x 16 folds.
        SystolicArch arch = Fixtures.separate(64, 64, "weight-stationary", 1024, 1024, 1024, 1000, 0);
        LayerResult r = Fixtures.isolated(arch, Fixtures.gemm(2048, 2048, 1024));
        assertThat(r.macs()).isEqualTo(1L << 32);
        // 512 folds of 2*64 + 64 + 2048 - 2 = 2238 cycles
        assertThat(r.computeCycles()).isEqualTo(512L * 2238);
        LayerContext ctx = LayerContext.isolated(1, 3);
        assertThat(ctx.keepOutput()).isFalse();
    }
}
