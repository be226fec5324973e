package org.arrayflow.sim;

import org.arrayflow.arch.Cores.Partition;
import org.arrayflow.result.LayerResult;
import org.junit.jupiter.api.Test;


import static org.arrayflow.sim.Systolic4x4.arch;
import static org.arrayflow.sim.Systolic4x4.dram;
import static org.arrayflow.sim.Systolic4x4.gemm;
import static org.arrayflow.sim.Systolic4x4.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * output_tiles: a GEMM of m tokens, reduction 4 and k output channels on cores of a 4 x 4 weight-stationary array
 * (8-bit words), cut into a channel groups x b token groups. Derivations in each test.
 */
class MultiCoreGridTest {
    @Test
    void unevenCutsGiveFourSharesWhoseMacsAddUp() {
        // K = 9 over 2 channel groups: 5 + 4; 7 tokens over 2 token groups: 4 + 3; one core each of 5x4, 5x3, 4x4,
        // 4x3, MACs 4 x (20 + 15 + 16 + 12) = 252 = 9 x 7 x 4 (4 cores allow only a = b = 2)
        CoreSplit s = CoreSplit.of(gemm(7, 9), Partition.OUTPUT_TILES, 4, 4);
        assertThat(s.shares()).extracting(CoreSplit.Share::kUnits).containsExactly(5, 5, 4, 4);
        assertThat(s.shares()).extracting(CoreSplit.Share::pUnits).containsExactly(4, 3, 4, 3);
        assertThat(s.shares()).extracting(CoreSplit.Share::cores).containsExactly(1, 1, 1, 1);
        assertThat(s.shares().stream().mapToLong(x -> x.cores() * x.layer().macs()).sum()).isEqualTo(252);
        LayerResult r = run(arch(1000, "cores: {count: 4, partition: output_tiles}\n"), gemm(7, 9));
        assertThat(r.activity().macs()).isEqualTo(252);
        assertThat(r.mapping().get("cores"))
                .isEqualTo("4 of 4 by output_tiles (2 x 2 groups: 1 x 5x4 + 1 x 5x3 + 1 x 4x4 + 1 x 4x3)");
    }

    @Test
    void theGridPrefersWholeLaneChannelGroupsThenLessReplicatedTraffic() {
        // K = 24, 24 tokens, 6 cores: (a, b) = (2, 3) gives shares of 12 channels x 8 tokens, (3, 2) 8 x 12.
        // Lanes 1: both 96 units of work; the replicated reads a x ifmap + b x weights are 2 x 96 + 3 x 96 and
        // 3 x 96 + 2 x 96 (ifmap 24 x 4, weights 24 x 4): a tie on the cores too, the smaller a kept: (2, 3).
        // Lanes 8: 12 channels take two 8-wide passes (16 x 8 = 128) against 8 x 12 = 96: (3, 2)
        assertThat(CoreSplit.grid(gemm(24, 24), 24, 24, 6, 1)).containsExactly(2, 3);
        assertThat(CoreSplit.grid(gemm(24, 24), 24, 24, 6, 8)).containsExactly(3, 2);
        // one channel or one token: no grid of at least 2 x 2
        assertThat(CoreSplit.of(gemm(24, 1), Partition.OUTPUT_TILES, 6)).isNull();
    }

    @Test
    void aTwoByTwoSplitOnASharedLinkIsOneCoreWithAQuarterOfTheBandwidth() {
        // 256 tokens x 8 channels on 2 x 2 cores: each core 128 tokens x 4 channels (one 4-wide column fold, so it
        // reads its 128 x 4 ifmap bytes once), 16 weight bytes, 128 x 4 output bytes. Without a shared level each of
        // the 4 cores fetches its own pieces: DRAM ifmap 4 x 512 = 2048 (the 1024-byte ifmap twice), weights
        // 4 x 16 = 64 (the 32 weights twice), ofmap 4 x 512 = 2048; every tensor's lockstep factor is 4, so at 1 byte
        // a cycle the chip takes what one core takes on its share at 1/4 byte a cycle
        LayerResult r = run(arch(1, "cores: {count: 4, partition: output_tiles}\n"), gemm(256, 8));
        LayerResult one = run(arch(0.25, ""), gemm(128, 4));
        assertThat(dram(r, "ifmap")).isEqualTo(2048);
        assertThat(dram(r, "weight")).isEqualTo(64);
        assertThat(dram(r, "ofmap")).isEqualTo(2048);
        assertThat(r.totalCycles()).isEqualTo(one.totalCycles());
        assertThat(r.totalCycles()).isGreaterThanOrEqualTo(2048 + 64 + 2048);
        assertThat(r.activity().macs()).isEqualTo(256L * 4 * 8);
        // private links: each core alone on its share
        LayerResult priv = run(arch(1, "cores: {count: 4, dram: private, partition: output_tiles}\n"), gemm(256, 8));
        assertThat(priv.totalCycles()).isEqualTo(run(arch(1, ""), gemm(128, 4)).totalCycles());
    }

    @Test
    void aSharedLevelSendsEachPieceOfBothTensorsOnce() {
        // with a 64 KiB L2 (each core's pieces: 512 ifmap and 16 weight bytes, 2 distinct pieces of each) DRAM sends
        // each ifmap token group once (2 x 512 = the 1024-byte ifmap) and each weight channel group once (2 x 16 =
        // the 32 weights); the ofmap is split, 2048 as before. The L2 serves the 4 cores' 2048 + 64 bytes and is
        // filled with 1024 + 32: 3168 bytes. On the link the ifmap and weights now count 2 copies (the distinct
        // pieces; the L2's 4 x 1 / 1000 byte-per-cycle share is less), the ofmap 4: DRAM moves
        // 1024 + 32 + 2048 = 3104 bytes at 1 byte a cycle, a lower bound, and it is faster than without the L2
        String l2 = "cores: {count: 4, partition: output_tiles, shared_level: {size_kib: 64, bandwidth_gb_s: 1000}}\n";
        LayerResult with = run(arch(1, l2), gemm(256, 8));
        LayerResult without = run(arch(1, "cores: {count: 4, partition: output_tiles}\n"), gemm(256, 8));
        assertThat(dram(with, "ifmap")).isEqualTo(1024);
        assertThat(dram(with, "weight")).isEqualTo(32);
        assertThat(dram(with, "ofmap")).isEqualTo(2048);
        assertThat(with.bytes("l2")).isEqualTo(3168);
        assertThat(with.mapping().get("cores"))
                .isEqualTo("4 of 4 by output_tiles (2 x 2 groups: 4 x 4x128), ifmap and weight shared through l2");
        assertThat(with.totalCycles()).isGreaterThanOrEqualTo(3104).isLessThan(without.totalCycles());
    }

    @Test
    void autoWithTheGridIsNeverSlowerWithMoreCores() {
        // auto now tries output_tiles too; the candidates of n cores stay among those of 2n
        for (double gbps : new double[] {1, 64}) {
            long last = run(arch(gbps, ""), gemm(512, 64)).totalCycles();
            for (int cores = 2; cores <= 16; cores *= 2) {
                long t = run(arch(gbps, "cores: {count: %d}\n".formatted(cores)), gemm(512, 64)).totalCycles();
                assertThat(t).isLessThanOrEqualTo(last);
                last = t;
            }
        }
    }
}
