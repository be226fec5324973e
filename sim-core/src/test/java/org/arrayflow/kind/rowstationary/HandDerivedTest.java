package org.arrayflow.kind.rowstationary;

import org.arrayflow.dataflow.MappingException;
import org.arrayflow.result.LayerResult;
import org.arrayflow.workload.Layer;
import org.junit.jupiter.api.Test;

import static org.arrayflow.kind.rowstationary.TinyArrays.count;
import static org.arrayflow.kind.rowstationary.TinyArrays.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Counts and cycles on a 3 x 4 array derived by hand (see TinyArrays for the architecture). */
class HandDerivedTest {

    /**
     * A 3x3 filter over a 6x6 input, 1 channel, 2 filters, stride 1: E = F = 4. Mapping m=2 n=1 e=4 p=2 q=1
     * r=1 t=1: one 3 x 4 PE set (filter rows x output rows) fills the array; one pass does everything.
     */
    @Test
    void onePassFillsTheArray() {
        RowStationaryArch a = TinyArrays.load(TinyArrays.arch(
                "mappings: {l1: {m: 2, n: 1, e: 4, p: 2, q: 1, r: 1, t: 1}}"));
        Layer l = TinyArrays.conv(1, 6, 2, 3, 1, 0, 1);
        LayerResult r = TinyArrays.run(a, l);

        assertThat(r.mapping()).containsEntry("active_pes", "12").containsEntry("passes", "1")
                .containsEntry("pe_set", "3x4").containsEntry("sets", "1");
        // MACs = M x C x E x F x R x S = 2 x 1 x 4 x 4 x 3 x 3 = 288.
        assertThat(r.macs()).isEqualTo(288);
        // DRAM: the ifmap's 6 rows x 6 columns once (36), the 2 x 9 filter weights (18), the 2 x 4 x 4 outputs (32).
        assertThat(count(r, "dram", "ifmap", "reads")).isEqualTo(36);
        assertThat(count(r, "dram", "weight", "reads")).isEqualTo(18);
        assertThat(count(r, "dram", "ofmap", "writes")).isEqualTo(32);
        // GLB: ifmap filled 36 and read 36 (one pass, each word multicast once); filters filled and read 18;
        // the only channel block is first and last, so no psum read, 32 ofmap writes and 32 drained to DRAM.
        assertThat(count(r, "glb", "ifmap", "fills")).isEqualTo(36);
        assertThat(count(r, "glb", "ifmap", "reads")).isEqualTo(36);
        assertThat(count(r, "glb", "weight", "fills")).isEqualTo(18);
        assertThat(count(r, "glb", "weight", "reads")).isEqualTo(18);
        assertThat(count(r, "glb", "psum", "reads")).isZero();
        assertThat(count(r, "glb", "ofmap", "writes")).isEqualTo(32);
        assertThat(count(r, "glb", "ofmap", "drains")).isEqualTo(32);
        assertThat(level(r, "glb")).isEqualTo(36 + 36 + 18 + 18 + 32 + 32);
        // Multicast: ifmap row i goes to the PEs (filter row k, output row j) with j + k = i: 1, 2, 3, 3, 2, 1
        // PEs for rows 0..5, 12 rows of 6 words = 72 deliveries from 36 GLB reads. Each filter row goes to
        // the 4 PEs of its set row: 18 x 4 = 72. Each of the 32 outputs climbs R - 1 = 2 local links (64)
        // and leaves once on the GON (32).
        assertThat(count(r, "noc", "ifmap", "reads")).isEqualTo(72);
        assertThat(count(r, "noc", "weight", "reads")).isEqualTo(72);
        assertThat(count(r, "noc", "psum", "reads")).isEqualTo(64);
        assertThat(count(r, "noc", "psum", "writes")).isEqualTo(32);
        // Spads: one ifmap read, one filter read, one psum read and write per MAC.
        assertThat(count(r, "spad_ifmap", "ifmap", "reads")).isEqualTo(288);
        assertThat(count(r, "spad_filter", "weight", "reads")).isEqualTo(288);
        assertThat(count(r, "spad_psum", "psum", "reads")).isEqualTo(288);
        assertThat(count(r, "spad_psum", "psum", "writes")).isEqualTo(288);
        // Array busy: filter spads load 18 words at 1 word/cycle = 18; then per image the slowest of a PE's
        // p x q x S x F = 2 x 1 x 3 x 4 = 24 MACs, the ifmap GIN's 36 words and the GON's 32 outputs: 36.
        assertThat(r.computeCycles()).isEqualTo(18 + 36);
        // Time: the 2 B/cycle link loads the ifmap (72 B, 36 cycles) then the filters (36 B, 18 cycles); the
        // array runs 54 cycles; the 64 B of outputs take 32 more: 36 + 18 + 54 + 32 = 140.
        assertThat(r.totalCycles()).isEqualTo(140);
    }

    /**
     * 2 channels, 2 filters, strip-mined to e = 2 with t = 2 sets of 3 x 2 side by side: m=2 n=1 e=2 p=1 q=1
     * r=1 t=2. Strips 2 x channel blocks 2 = 4 passes of 2 filters.
     */
    @Test
    void stripMinedTwoSetsTwoChannelBlocks() {
        RowStationaryArch a = TinyArrays.load(TinyArrays.arch(
                "mappings: {l1: {m: 2, n: 1, e: 2, p: 1, q: 1, r: 1, t: 2}}"));
        LayerResult r = TinyArrays.run(a, TinyArrays.conv(2, 6, 2, 3, 1, 0, 1));

        assertThat(r.mapping()).containsEntry("active_pes", "12").containsEntry("passes", "4")
                .containsEntry("pe_set", "3x4 strip-mined to 3x2").containsEntry("sets", "2");
        assertThat(r.macs()).isEqualTo(2L * 2 * 4 * 4 * 9);
        // Each strip of 2 output rows needs 4 input rows (halo of 2): 2 strips x 2 channels x 4 x 6 = 96.
        assertThat(count(r, "dram", "ifmap", "reads")).isEqualTo(96);
        // All 2 x 2 x 9 = 36 weights once per strip: 72.
        assertThat(count(r, "dram", "weight", "reads")).isEqualTo(72);
        assertThat(count(r, "dram", "ofmap", "writes")).isEqualTo(32);
        // Psums: per strip 2 filters x 2 rows x 4 = 16 outputs; channel block 1 writes them as psums, block 2
        // reads them back and writes the ofmap. Two strips: 32 psum writes, 32 psum reads, 32 ofmap writes.
        assertThat(count(r, "glb", "psum", "writes")).isEqualTo(32);
        assertThat(count(r, "glb", "psum", "reads")).isEqualTo(32);
        assertThat(count(r, "glb", "ofmap", "writes")).isEqualTo(32);
        // Ifmap multicast: per pass 24 GLB reads reach both sets' 3 x 2 PEs, 6 words each: 2 x 6 x 6 = 72.
        assertThat(count(r, "glb", "ifmap", "reads")).isEqualTo(4 * 24);
        assertThat(count(r, "noc", "ifmap", "reads")).isEqualTo(4 * 72);
        // Psum on the NoC per pass: 16 outputs x 2 hops, plus 16 read back from the GLB in the second block.
        assertThat(count(r, "noc", "psum", "reads")).isEqualTo(4 * 32 + 2 * 16);
    }

    @Test
    void mappingBreakingTheFilterSpadIsRejectedByName() {
        RowStationaryArch a = TinyArrays.load(TinyArrays.arch(
                "mappings: {l1: {m: 4, n: 1, e: 4, p: 4, q: 1, r: 1, t: 1}}"));
        assertThatThrownBy(() -> TinyArrays.run(a, TinyArrays.conv(1, 6, 4, 3, 1, 0, 1)))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("filter scratchpad: p*q*S = 12 > 6 entries");
    }

    @Test
    void filterTallerThanTheArrayIsRejectedNamingTheLimit() {
        RowStationaryArch a = TinyArrays.load(TinyArrays.arch(""));
        assertThatThrownBy(() -> TinyArrays.run(a, TinyArrays.conv(1, 8, 1, 4, 1, 0, 1)))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("filter height R=4 exceeds the 3 PE rows");
    }

    /** Two layers of the same shape with different mappings in the YAML are not merged by the simulator. */
    @Test
    void sameShapeDifferentMappingsAreSimulatedApart() {
        RowStationaryArch a = TinyArrays.load(TinyArrays.arch("mappings: {a: {m: 2, n: 1, e: 4, p: 2, q: 1, r: 1, t: 1},"
                + " b: {m: 2, n: 1, e: 2, p: 1, q: 1, r: 1, t: 2}}"));
        org.arrayflow.workload.Network net = org.arrayflow.workload.WorkloadLoader.parse("two.yaml", String.join("\n",
                "format: arrayflow-workload/1", "name: two", "batch: 1", "input: {channels: 2, height: 6, width: 6}",
                "layers:", "  - {name: a, type: conv2d, filters: 2, kernel: 1}",
                "  - {name: b, type: conv2d, filters: 2, kernel: 1}", ""), 0);
        java.util.List<LayerResult> rs = org.arrayflow.sim.Simulator.run(a, net, org.arrayflow.sim.SimOptions.DEFAULT).layers();
        assertThat(rs.get(0).mapping()).containsEntry("e", "4");
        assertThat(rs.get(1).mapping()).containsEntry("e", "2");
    }
}
