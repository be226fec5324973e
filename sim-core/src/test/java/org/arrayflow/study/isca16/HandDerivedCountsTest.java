package org.arrayflow.study.isca16;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.kind.rowstationary.RowStationaryArch;
import org.arrayflow.kind.rowstationary.RsEstimate;
import org.arrayflow.kind.rowstationary.RsLevels;
import org.arrayflow.kind.rowstationary.RsMapping;
import org.arrayflow.kind.rowstationary.RsProblem;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Precision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every dataflow on a tiny layer and a 2 x 2 array (4 PEs), with the global buffer holding the whole layer
 * (one block of everything), counts derived by hand below.
 *
 * <p>Layer: 1 image, C = 2 channels of 3 x 3, M = 2 filters of 2 x 2, stride 1, so E = F = 2.
 * MACs = N·M·E·F·C·R·S = 1·2·4·2·4 = 64; outputs O = 8; ifmap words 2·9 = 18; filter words 2·2·4 = 16.
 * DRAM (same for all blocked dataflows, one block): ifmap 18 reads, filters 16, ofmap 8 writes = 42; the GLB
 * sees the same 42 as fills and drains.
 */
class HandDerivedCountsTest {
    static final RsProblem TINY = new RsProblem("tiny", 1, 1, 2, 2, 3, 3, 2, 2, 2, 2, 1, 1,
            Precision.of(Datatype.word(16), Datatype.word(16)), 1, false);
    static final Blocking ALL = new Blocking(2, 1, 2, 2, Blocking.Order.IFMAP_OUTER);

    static AccessCounts counts(BlockedDataflow d, int... params) {
        AccessCounts a = new AccessCounts();
        ALL.outer(TINY, a);
        d.inner(TINY, ALL, params, a);
        return a;
    }

    static void check(AccessCounts a, long dram, long glb, long array, long rf) {
        assertThat(a.macs()).isEqualTo(64);
        assertThat(a.level(Level.DRAM)).isEqualTo(dram);
        assertThat(a.level(Level.GLB)).isEqualTo(glb);
        assertThat(a.level(Level.ARRAY)).isEqualTo(array);
        assertThat(a.level(Level.RF)).isEqualTo(rf);
    }

    @Test
    void weightStationaryOneFilterOneChannelPerArrayLoad() {
        // mw = 1, cw = 1: the 4 PEs hold the 2x2 weights of one (filter, channel).
        // Filters: read once from the GLB (16), one delivery each (16), then 1 RF read per MAC (64).
        // Ifmaps: re-read from the GLB once per filter group: 2 x 18 = 36; every MAC gets its word over the
        // array (64) and its ALU reads it from the RF (64; Eq. 3 with d = 1).
        // Psums: 2 chains per output (one per channel): GLB 2 writes + 1 read = 3 x 8 = 24; array: 3 hops in
        // each 4-PE chain (6) + 2 to the GLB + 1 back = 9 x 8 = 72.
        // GLB 42 + 16 + 36 + 24 = 118; array 16 + 64 + 72 = 152; RF 64 + 64 = 128.
        AccessCounts a = counts(new WeightStationary(WeightStationary.Variant.PAPER), 1, 1);
        check(a, 42, 118, 152, 128);
        // Energy = 64 ALU + 128 RF + 152·2 + 118·6 + 42·200 = 64 + 128 + 304 + 708 + 8400.
        assertThat(a.totalEnergy(NormalizedCosts.ISCA16)).isEqualTo(9604.0);
    }

    @Test
    void channelChainedWeightStationaryMergesPsumsInTheArray() {
        // WS-C with mw = 1, cw = 2 (8 PEs: both channels' 2x2 weights of one filter in one chain).
        // Filters and ifmaps as in the paper's WS with mw = 1: GLB 16 + 36, array 16 + 64, RF 64 + 64.
        // Psums: one 8-PE chain per output: GLB 1 write = 8; array 7 hops + 1 to the GLB = 8 x 8 = 64.
        // GLB 42 + 16 + 36 + 8 = 102; array 16 + 64 + 64 = 144.
        check(counts(new WeightStationary(WeightStationary.Variant.CHANNEL_CHAINED), 1, 2), 42, 102, 144, 128);
        // The paper's WS never merges channels in the array: on 8 PEs it takes two filter sets (mw = 2) of one
        // channel each; WS-C may also take one filter over both channels.
        assertThat(new WeightStationary(WeightStationary.Variant.PAPER).candidates(TINY, 8))
                .containsExactly(new int[] {2, 1});
        assertThat(new WeightStationary(WeightStationary.Variant.CHANNEL_CHAINED).candidates(TINY, 8))
                .containsExactly(new int[] {2, 1}, new int[] {1, 2});
    }

    @Test
    void outputStationarySocMop() {
        // pm = 1, a 2x2 pixel tile: the 4 PEs hold the 4 outputs of one filter.
        // Filters: each weight read once per (image, tile) and broadcast: 16; array: one delivery per MAC, 64.
        // Ifmaps: per filter (2 groups) the tile's 3x3 window of both channels: 2 x 18 = 36; array 64.
        // RF: the ALU reads both delivered operands (64 + 64) and the psum (read + write per MAC, 128): 256.
        // Psums: one trip per output to the GLB (1 channel block): GLB 8, array 8.
        // GLB 42 + 16 + 36 + 8 = 102; array 64 + 64 + 8 = 136.
        check(counts(new OutputStationary(OutputStationary.Variant.SOC_MOP), 1, 2, 2), 42, 102, 136, 256);
    }

    @Test
    void outputStationaryMocMop() {
        // pm = 2 filters x a 1x2 pixel tile (one output row): 2 tiles.
        // Filters: 16 per tile = 32. Ifmaps: one filter group; per tile a 2-row x 3-column window per channel,
        // 6 x 2 channels x 2 tiles = 24. Psums and RF as for SOC-MOP. GLB 42 + 32 + 24 + 8 = 106.
        check(counts(new OutputStationary(OutputStationary.Variant.MOC_MOP), 2, 1, 2), 42, 106, 136, 256);
    }

    @Test
    void outputStationaryMocSop() {
        // pm = 2 filters, one pixel: 4 tiles. Filters: 16 x 4 = 64. Ifmaps: a 2x2 window per channel and
        // tile: 4 x 2 x 4 = 32. GLB 42 + 64 + 32 + 8 = 146.
        check(counts(new OutputStationary(OutputStationary.Variant.MOC_SOP), 2, 1, 1), 42, 146, 136, 256);
    }

    @Test
    void noLocalReuse() {
        // pm = 2 filters x pc = 2 channels, one pixel and one (r, s) tap per step.
        // Filters: one GLB read and delivery per MAC: 64 and 64.
        // Ifmaps: one read per (pixel, channel, tap), multicast to the 2 filters: 4·2·4 = 32; array 64.
        // Psums: R·S = 4 steps per output (both channels summed across the array in each): GLB 4 writes + 3
        // reads = 7 x 8 = 56; array: 1 addition across PEs per step (C·R·S - steps = 4), 4 to the GLB, 3
        // back = 11 x 8 = 88. GLB 42 + 64 + 32 + 56 = 194; array 64 + 64 + 88 = 216; no RF.
        check(counts(new NoLocalReuse(), 2, 2), 42, 194, 216, 0);
    }

    @Test
    void rowStationaryThroughTheExistingModel() {
        // 2x2 PEs, spads ifmap 2 / filter 2 / psum 1 entries, mapping m2 n1 e2 p1 q1 r1 t1: one 2x2 PE set,
        // 2 channel blocks of 1 channel, 2 passes of 1 filter in each.
        // DRAM: ifmap 9 per channel block (3 rows x 3) = 18; filters 4 per pass = 16; ofmap 8. Total 42.
        // GLB: fills 18 + 16; filter reads 16; ifmap reads 9 per pass = 36; psums: 4 writes per pass, 4 reads
        // in the 2 passes of the second channel block = 24; drain 8. Total 118.
        // Array (NoC): filters 4 words x 2 PEs each per pass = 32; ifmaps 1·1·1·R2·e2·W3 = 12 per pass = 48;
        // psums: 4 outputs x (1 hop + 1 out) in first-block passes = 16, x (1 hop + 1 in + 1 out) = 24. 120.
        // RF: 4 per MAC = 256.
        RowStationaryArch a = (RowStationaryArch) ArchLoader.parse("tiny2x2.yaml", String.join("\n",
                "format: arrayflow-arch/1", "name: tiny-2x2", "type: row-stationary", "clock_mhz: 100",
                "word_bits: 16", "pe_array: {rows: 2, cols: 2}",
                "scratchpads: {ifmap: {entries: 2}, filter: {entries: 2}, psum: {entries: 1}}",
                "global_buffer: {partitions: {glb: {size_kib: 1, holds: [ifmap, psum, weight]}}}",
                "noc: {ifmap_gin_bits: 16, filter_gin_bits: 16, psum_gin_bits: 16, gon_bits: 16, local_link_bits: 16}",
                "dram: {bus_bits: 16, clock_mhz: 100}", "energy: {table: isca16-normalized}", ""));
        RsLevels lv = new RsLevels(a);
        AccessCounts c = RowStationary.counts(RsEstimate.of(a, TINY, new RsMapping(2, 1, 2, 1, 1, 1, 1), lv), lv);
        assertThat(c.macs()).isEqualTo(64);
        assertThat(c.level(Level.DRAM)).isEqualTo(42);
        assertThat(c.level(Level.GLB)).isEqualTo(118);
        assertThat(c.level(Level.ARRAY)).isEqualTo(120);
        assertThat(c.level(Level.RF)).isEqualTo(256);
    }

    @Test
    void searchOnTheTinyArrayIsNoWorseThanTheHandMappings() {
        // The search ranges over these mappings too, so its energy can only be lower or equal; WS has a
        // single array candidate on 4 PEs (cw = mw = 1) and one blocking of least DRAM traffic, so equal.
        NormalizedCosts k = NormalizedCosts.ISCA16;
        Evaluation ws = new WeightStationary(WeightStationary.Variant.PAPER).best(TINY, 4, 512);
        assertThat(ws.counts().totalEnergy(k)).isEqualTo(9604.0);
        assertThat(new NoLocalReuse().best(TINY, 4, 512).counts().totalEnergy(k))
                .isLessThanOrEqualTo(counts(new NoLocalReuse(), 2, 2).totalEnergy(k));
        for (OutputStationary.Variant v : OutputStationary.Variant.values()) {
            OutputStationary os = new OutputStationary(v);
            Evaluation e = os.best(TINY, 4, 512);
            int[] hand = v == OutputStationary.Variant.SOC_MOP ? new int[] {1, 2, 2}
                    : v == OutputStationary.Variant.MOC_MOP ? new int[] {2, 1, 2} : new int[] {2, 1, 1};
            assertThat(e.counts().totalEnergy(k)).isLessThanOrEqualTo(counts(os, hand).totalEnergy(k));
        }
    }

    @Test
    void areaModelSplits() {
        // Default, the ratio the ISCA text implies (1.6): budget 256 x 512 x 1.6 + 131072 = 340787.2.
        AreaModel d = AreaModel.isca16(AreaModel.ISCA16_IMPLIED_RATIO);
        assertThat(d.glbBytes(512)).isEqualTo(131072);                // RS keeps the baseline
        assertThat(d.glbBytes(0)).isEqualTo(340788);                  // NLR: all area is buffer (whole words)
        assertThat(d.glbBytes(4)).isEqualTo(339148);                  // WS: 340787.2 - 256 x 4 B x 1.6 = 339148.8
        // The chip's ratio (3.75): 256 x 512 x 3.75 + 131072 = 491520 + 131072 = 622592.
        AreaModel m = AreaModel.isca16(AreaModel.JSSC17_RATIO);
        assertThat(m.glbBytes(512)).isEqualTo(131072);
        assertThat(m.glbBytes(6)).isEqualTo(622592 - 5760);           // OS: 256 x 6 B x 3.75 = 5760
        assertThat(m.glbBytes(0)).isEqualTo(622592);
    }
}
