package org.arrayflow.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-built programs whose makespans follow from the engine's documented rules
 * (dependencies, in-order queues, buffer capacity granted in program order, link occupancy and latency).
 */
class EngineTest {
    private static final int ARRAY = 0;
    private static final int DRAM = 1;
    private static final int Q_COMPUTE = 0;
    private static final int Q_LOAD = 1;

    /** One array, one DRAM link of {@code bpc} bytes/cycle, one buffer of {@code capacity} bytes. */
    private static TileProgram program(double bpc, long latency, int channels, long capacity) {
        return new TileProgram(List.of(Server.unit("array"), Server.link("dram", bpc, latency, channels)),
                List.of("compute", "load"), List.of("buf"), new long[] {capacity}, List.of("dram", "buf"), 1);
    }

    @Test
    void computeWaitsForItsLoad() {
        // 100 bytes at 10 B/cycle hold the link 10 cycles; the compute (5 cycles) starts at 10, ends at 15.
        TileProgram p = program(10, 0, 1, 0);
        int load = p.add(Q_LOAD, DRAM, 100, 0, 0);
        int comp = p.add(Q_COMPUTE, ARRAY, 5, 7, 0);
        p.dependsOn(comp, load);
        EngineResult r = Engine.run(p, true);
        assertThat(r.makespan()).isEqualTo(15);
        assertThat(r.trace().get(comp).start()).isEqualTo(10);
        assertThat(r.macs()).isEqualTo(7);
        assertThat(r.busy(ARRAY)).isEqualTo(5);
        assertThat(r.busy(DRAM)).isEqualTo(10);
    }

    @Test
    void queuesIssueInOrder() {
        // Load queue: L0 (depends on a 20-cycle compute), then L1 (no dependency), 100 B each at 10 B/cycle.
        // L1 is ready at 0 but may not pass L0: L0 runs 20..30, L1 30..40 -> makespan 40
        // (out of order it would be L1 0..10, L0 20..30 -> 30).
        TileProgram p = program(10, 0, 1, 0);
        int c0 = p.add(Q_COMPUTE, ARRAY, 20, 0, 0);
        int l0 = p.add(Q_LOAD, DRAM, 100, 0, 0);
        p.dependsOn(l0, c0);
        int l1 = p.add(Q_LOAD, DRAM, 100, 0, 0);
        EngineResult r = Engine.run(p, true);
        assertThat(r.makespan()).isEqualTo(40);
        assertThat(r.trace().get(l0).start()).isEqualTo(20);
        assertThat(r.trace().get(l1).start()).isEqualTo(30);
    }

    /** Four tiles: load 10 cycles (100 B at 10 B/cycle) into the buffer, compute 20 cycles, free on compute end. */
    private static long tiles(long capacityBytes) {
        TileProgram p = program(10, 0, 1, capacityBytes);
        for (int i = 0; i < 4; i++) {
            int l = p.add(Q_LOAD, DRAM, 100, 0, 0);
            p.allocates(l, 0, 100);
            int c = p.add(Q_COMPUTE, ARRAY, 20, 1, 0);
            p.dependsOn(c, l);
            p.frees(c, 0, 100);
        }
        EngineResult r = Engine.run(p, false);
        assertThat(r.peakBytes(0)).isLessThanOrEqualTo(capacityBytes);
        return r.makespan();
    }

    @Test
    void doubleBufferingOverlapsLoadsWithCompute() {
        // Capacity 2 tiles: L0 0-10, L1 10-20, C0 10-30; L2 waits for C0's free: 30-40, C1 30-50;
        // L3 waits for C1: 50-60, C2 50-70, C3 70-90. Makespan 10 + 4 x 20 = 90.
        assertThat(tiles(200)).isEqualTo(90);
        // Capacity 1 tile: every load waits for the previous compute: 4 x (10 + 20) = 120.
        assertThat(tiles(100)).isEqualTo(120);
    }

    @Test
    void dramLatencyOverlapsWithLaterTransfers() {
        // Four 10-cycle transfers on one channel with latency 100: the channel is busy 0-40 back to back,
        // the last completes at 40 + 100 = 140 (not 4 x 110 = 440).
        TileProgram p = program(10, 100, 1, 0);
        for (int i = 0; i < 4; i++) {
            p.add(Q_LOAD, DRAM, 100, 0, 0);
        }
        EngineResult r = Engine.run(p, true);
        assertThat(r.makespan()).isEqualTo(140);
        assertThat(r.busy(DRAM)).isEqualTo(40);
        assertThat(r.trace().get(3).start()).isEqualTo(30);
    }

    @Test
    void linkOccupancyIsCeilingOfBytesOverRate() {
        // 101 B at 10 B/cycle -> ceil(10.1) = 11 cycles; 10 B at 3 B/cycle -> ceil(3.33) = 4.
        TileProgram p = program(10, 0, 1, 0);
        p.add(Q_LOAD, DRAM, 101, 0, 0);
        assertThat(Engine.run(p, false).makespan()).isEqualTo(11);
        TileProgram q = program(3, 0, 1, 0);
        q.add(Q_LOAD, DRAM, 10, 0, 0);
        assertThat(Engine.run(q, false).busy(DRAM)).isEqualTo(4);
        assertThat(new Server("x", Server.Kind.LINK, 10, 0, 1).occupancy(100)).isEqualTo(10);
    }

    @Test
    void channelsSplitTheBandwidthAndRunInParallel() {
        // 2 channels sharing 10 B/cycle: 5 B/cycle each; two 50 B transfers run side by side, 10 cycles each.
        TileProgram p = program(10, 0, 2, 0);
        p.add(Q_LOAD, DRAM, 50, 0, 0);
        p.add(Q_LOAD, DRAM, 50, 0, 0);
        EngineResult r = Engine.run(p, false);
        assertThat(r.makespan()).isEqualTo(10);
        assertThat(r.busy(DRAM)).isEqualTo(20);
    }

    @Test
    void countersAreAddedOnCompletion() {
        TileProgram p = program(10, 0, 1, 0);
        int l = p.add(Q_LOAD, DRAM, 10, 0, 0);
        p.counts(l, 0, 0, Access.READ, 10);
        p.counts(l, 1, 0, Access.FILL, 10);
        int c = p.add(Q_COMPUTE, ARRAY, 3, 0, 0);
        p.counts(c, 1, 0, Access.READ, 4);
        p.counts(c, 1, 0, Access.READ, 5);
        EngineResult r = Engine.run(p, false);
        assertThat(r.count(0, 0, Access.READ)).isEqualTo(10);
        assertThat(r.count(1, 0, Access.FILL)).isEqualTo(10);
        assertThat(r.count(1, 0, Access.READ)).isEqualTo(9);
        assertThat(r.count(1, 0, Access.WRITE)).isZero();
    }

    @Test
    void bufferSpaceIsGrantedInProgramOrder() {
        // Capacity 100. L0 takes 60 until C0 (30 cycles) ends; L1 wants 60 and must wait; L2 wants only 40 and
        // would fit, but allocation is in program order, so it waits behind L1 (it is on another queue too).
        TileProgram p = new TileProgram(List.of(Server.unit("array"), Server.link("dram", 10, 0, 2)),
                List.of("compute", "load", "load2"), List.of("buf"), new long[] {100}, List.of("dram"), 1);
        int l0 = p.add(1, DRAM, 10, 0, 0);
        p.allocates(l0, 0, 60);
        int c0 = p.add(0, ARRAY, 30, 0, 0);
        p.dependsOn(c0, l0);
        p.frees(c0, 0, 60);
        int l1 = p.add(1, DRAM, 10, 0, 0);
        p.allocates(l1, 0, 60);
        p.frees(l1, 0, 60);
        int l2 = p.add(2, DRAM, 10, 0, 0);
        p.allocates(l2, 0, 40);
        p.frees(l2, 0, 40);
        EngineResult r = Engine.run(p, true);
        // channels hold 5 B/cycle each: a 10 B transfer takes 2 cycles. L0 0-2, C0 2-32, L1 32-34; L2 starts
        // at 32 as well (40 B fit beside L1's 60 once L1 has its grant) and ends at 34.
        assertThat(r.trace().get(l1).start()).isEqualTo(32);
        assertThat(r.trace().get(l2).start()).isEqualTo(32);
        assertThat(r.makespan()).isEqualTo(34);
    }

    @Test
    void tracingRecordsBufferOccupancyAndWhenALinkChannelIsFree() {
        // The program of bufferSpaceIsGrantedInProgramOrder: L0 takes 60 B at 0, C0 frees them at 32, L1 takes
        // 60 B and L2 40 B at 32, both free at 34. A 10 B transfer holds its 5 B/cycle channel 2 cycles.
        TileProgram p = new TileProgram(List.of(Server.unit("array"), Server.link("dram", 10, 3, 2)),
                List.of("compute", "load"), List.of("buf"), new long[] {100}, List.of("dram"), 1);
        int l0 = p.add(1, DRAM, 10, 0, 0);
        p.allocates(l0, 0, 60);
        int c0 = p.add(0, ARRAY, 30, 0, 0);
        p.dependsOn(c0, l0);
        p.frees(c0, 0, 60);
        EngineResult r = Engine.run(p, true);
        // latency 3: L0 holds its channel 0-2 and completes at 5; C0 runs 5-35
        EngineResult.TraceEvent load = r.trace().get(l0);
        assertThat(load.link()).isTrue();
        assertThat(load.released()).isEqualTo(2);
        assertThat(load.end()).isEqualTo(5);
        assertThat(r.trace().get(c0).released()).isEqualTo(r.trace().get(c0).end()).isEqualTo(35);
        assertThat(r.recorded().buffers()).containsExactly(new EngineTrace.BufferSample("buf", 0, 60, 100),
                new EngineTrace.BufferSample("buf", 35, 0, 100));
        assertThat(r.recorded().tasks()).isEqualTo(r.trace());
        assertThat(Engine.run(p, false).recorded()).isSameAs(EngineTrace.NONE);
    }

    @Test
    void deadlockIsReportedWithTheWaitingQueue() {
        // L0 takes the whole buffer and nothing frees it; L1 can never get its byte.
        TileProgram p = program(10, 0, 1, 100);
        int l0 = p.add(Q_LOAD, DRAM, 10, 0, 0);
        p.allocates(l0, 0, 100);
        int l1 = p.add(Q_LOAD, DRAM, 10, 0, 0);
        p.allocates(l1, 0, 1);
        assertThatThrownBy(() -> Engine.run(p, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("engine deadlock at cycle 1")
                .hasMessageContaining("1 of 2 tasks never ran")
                .hasMessageContaining("Queue load waits at task 1")
                .hasMessageContaining("needs 1 B of buf with 0 B free");
    }

    @Test
    void dependenciesMustPointBackwards() {
        TileProgram p = program(10, 0, 1, 0);
        int a = p.add(Q_LOAD, DRAM, 10, 0, 0);
        assertThatThrownBy(() -> p.dependsOn(a, a)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.allocates(a, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
