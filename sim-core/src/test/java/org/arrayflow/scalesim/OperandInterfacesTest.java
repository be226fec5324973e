package org.arrayflow.scalesim;

import org.arrayflow.engine.EngineResult.TraceEvent;
import org.arrayflow.result.LayerResult;
import org.arrayflow.workload.Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.arrayflow.testing.Fixtures.gemm;
import static org.arrayflow.testing.Fixtures.isolated;
import static org.arrayflow.testing.Fixtures.separate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCALE-Sim USER mode gives each operand its own DRAM interface of Bandwidth[0] bytes per cycle. Derived by hand:
 * GEMM M = 4, N = 16, K = 32 on the 4x4 output-stationary array, Bandwidth 2, latency 1 (64/32/16 kB SRAMs: every
 * slice fits). One row fold, four column folds of 32 + 4 + 4 - 2 = 38 cycles. The ifmap is one 4 x 32 = 128-byte
 * slice, the filter four 32 x 4 = 128-byte column blocks (512 bytes), the outputs four 16-byte blocks.
 *
 * <ul>
 *   <li>ifmap interface: the slice at 0-64, there at 65.
 *   <li>filter interface, one block after the other: at 65, 129, 193, 257. The filter can never go faster than
 *       2 bytes a cycle, however idle the other two interfaces are.
 *   <li>array: fold 1 at 65-103, then each fold when its block is there: 129-167, 193-231, 257-295. Stalls
 *       between the first and the last fold: 230 - 4 x 38 = 78; SCALE-Sim's Total 4 x 38 - 1 + 78 = 229.
 *   <li>ofmap interface: each fold's 16 bytes after it, 8 cycles + 1; the last at 295-303, done at 304.
 * </ul>
 * The layer takes 304 cycles: at least the filter's 512 / 2 = 256 alone, and less than the 64 + 256 + 32 = 352 the
 * three operands would take one after the other, since the interfaces run side by side (both loads start at 0).
 */
class OperandInterfacesTest {
    private static final double B = 2;

    private static ScaleSimRun run() {
        ScaleSimConfig c = ScaleSimConfig.parse("t.cfg", ScaleSimConfigTest.cfg("os", "USER", "2"));
        Network n = Topology.parse("g.csv", "Layer Name, M, N, K,\ng, 4, 16, 32,\n", null);
        return ScaleSimRun.run(c, n, true);
    }

    private static List<TraceEvent> on(LayerResult r, String server) {
        return r.trace().tasks().stream().filter(e -> e.server().equals(server)).toList();
    }

    private static long bytes(List<TraceEvent> events) {
        return events.stream().mapToLong(TraceEvent::amount).sum();
    }

    private static long span(List<TraceEvent> events) {
        long start = events.stream().mapToLong(TraceEvent::start).min().orElseThrow();
        long end = events.stream().mapToLong(TraceEvent::end).max().orElseThrow();
        return end - start;
    }

    @Test
    void eachOperandKeepsToItsOwnInterfaceAndTheThreeRunSideBySide() {
        ScaleSimRun run = run();
        LayerResult r = run.result().layers().get(0);
        assertThat(r.busy().keySet()).containsExactly("array", "dram_ifmap", "dram_filter", "dram_ofmap", "vector");

        List<TraceEvent> ifmap = on(r, "dram_ifmap");
        List<TraceEvent> filter = on(r, "dram_filter");
        List<TraceEvent> ofmap = on(r, "dram_ofmap");
        assertThat(bytes(ifmap)).isEqualTo(128);
        assertThat(bytes(filter)).isEqualTo(512);
        assertThat(bytes(ofmap)).isEqualTo(64);
        assertThat(filter).extracting(TraceEvent::end).containsExactly(65L, 129L, 193L, 257L);
        for (List<TraceEvent> link : List.of(ifmap, filter, ofmap)) {
            assertThat((double) bytes(link) / span(link)).isLessThanOrEqualTo(B);
        }
        assertThat(ofmap).extracting(TraceEvent::end).containsExactly(112L, 176L, 240L, 304L);

        long makespan = r.trace().tasks().stream().mapToLong(TraceEvent::end).max().orElseThrow();
        assertThat(makespan).isEqualTo(304);
        long slowest = (long) Math.ceil(Math.max(bytes(ifmap), Math.max(bytes(filter), bytes(ofmap))) / B);
        long oneAfterTheOther = (long) Math.ceil((bytes(ifmap) + bytes(filter) + bytes(ofmap)) / B);
        assertThat(makespan).isGreaterThanOrEqualTo(slowest).isLessThan(oneAfterTheOther);
        assertThat(ifmap.get(0).start()).isZero();
        assertThat(filter.get(0).start()).isZero();

        ScaleSimLayer row = run.layers().get(0);
        assertThat(row.stallCycles()).isEqualTo(78);
        assertThat(row.totalCycles()).isEqualTo(229);
        // the DRAM spans of the reports are each operand's own, on SCALE-Sim's clock (cycle 0 = first fold at 65)
        assertThat(row.dramFilter().start()).isEqualTo(-65.0);
        assertThat(row.dramFilter().stop()).isEqualTo(257 - 1 - 65.0);
        assertThat(row.dramIfmap().stop()).isEqualTo(65 - 1 - 65.0);
    }

    @Test
    void aYamlArchitecturesDramStaysOnePooledLink() {
        LayerResult r = isolated(separate(4, 4, "weight-stationary", 64, 64, 64, 1000, 0), gemm(10, 6, 5));
        assertThat(r.busy().keySet()).containsExactly("array", "dram", "vector");
    }
}
