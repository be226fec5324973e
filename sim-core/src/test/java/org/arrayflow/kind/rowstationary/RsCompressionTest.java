package org.arrayflow.kind.rowstationary;

import org.arrayflow.result.LayerResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.tensor.TensorSpec;
import org.arrayflow.workload.Layer;
import org.junit.jupiter.api.Test;

import static org.arrayflow.kind.rowstationary.TinyArrays.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Compressed storage on the row-stationary DRAM bus, derived by hand on the 3x4 array: Eyeriss's run-length
 * code (a 5-bit run and a 16-bit value per pair, three pairs per 64-bit word) sets the bytes the link carries
 * and its time, from the density the workload states; the access counts stay in elements. Zero gating skips
 * the filter-spad read with the MAC.
 */
class RsCompressionTest {
    private static final String RLC_OFMAP =
            "sparsity: {compression: {ofmap: {format: rlc, run_bits: 5, pack_bits: 64, levels: [dram]}}}";

    /** 8 filters 3x3 over 4 x 8 x 8: 8 x 6 x 6 = 288 outputs, a quarter of them non-zero. */
    private static Layer layer() {
        Layer l = TinyArrays.conv(4, 8, 8, 3, 1, 0, 1);
        return l.withTensors(l.tensors().with(Tensor.OFMAP, new TensorSpec(null, Density.of(0.25))));
    }

    @Test
    void runLengthCodedOutputsCrossTheBusAsTheirPairs() {
        LayerResult dense = TinyArrays.run(TinyArrays.load(TinyArrays.arch("")), layer());
        LayerResult coded = TinyArrays.run(TinyArrays.load(TinyArrays.arch(RLC_OFMAP)), layer());
        // elements written are the same 288 either way
        assertThat(count(coded, "dram", "ofmap", "writes")).isEqualTo(288).isEqualTo(count(dense, "dram", "ofmap", "writes"));
        // dense: 288 x 2 bytes. Coded: 72 non-zeros, plus 288 x 0.25 x z^32 / (1 - z^32) = 0.0072 pairs for runs of
        // 32 or more zeros (z = 0.75), so 73 pairs, 25 bus words of three, 200 bytes
        assertThat(ofmap(dense).bytes()).isEqualTo(576);
        assertThat(ofmap(coded).bytes()).isEqualTo(200);
        // the link carries the coded bytes: it is busy less, the array exactly as long
        assertThat(coded.busy().get("dram")).isLessThan(dense.busy().get("dram"));
        assertThat(coded.computeCycles()).isEqualTo(dense.computeCycles());
        // the GLB still holds the outputs dense
        assertThat(count(coded, "glb", "ofmap", "drains")).isEqualTo(288);
    }

    @Test
    void aLayerTheCompressionEntryDoesNotListMovesRaw() {
        LayerResult raw = TinyArrays.run(TinyArrays.load(TinyArrays.arch(RLC_OFMAP.replace("levels: [dram]",
                "levels: [dram], layers: [conv*]"))), layer());
        assertThat(ofmap(raw).bytes()).isEqualTo(576);
    }

    @Test
    void onlyTheDramBusCompresses() {
        assertThatThrownBy(() -> TinyArrays.load(TinyArrays.arch(RLC_OFMAP.replace("[dram]", "[glb]"))))
                .hasMessageContaining("is not a level that can hold compressed data on this architecture (those that can: dram)");
    }

    @Test
    void ifmapZeroGatingSkipsTheFilterReadAndTheMacNotTheCycle() {
        Layer l = TinyArrays.conv(4, 8, 8, 3, 1, 0, 1);
        Layer sparse = l.withTensors(l.tensors().with(Tensor.IFMAP, new TensorSpec(null, Density.of(0.5))));
        LayerResult plain = TinyArrays.run(TinyArrays.load(TinyArrays.arch("")), sparse);
        LayerResult gated = TinyArrays.run(TinyArrays.load(TinyArrays.arch("sparsity: {zero_gating: [ifmap]}")), sparse);
        // 288 outputs x 36 taps = 10,368 MACs: half gated, half the filter-spad reads; the ifmap is still read
        assertThat(gated.activity().gatedMacs()).isEqualTo(10_368 / 2);
        assertThat(count(gated, "spad_filter", "weight", "reads")).isEqualTo(count(plain, "spad_filter", "weight", "reads") / 2);
        assertThat(count(gated, "spad_ifmap", "ifmap", "reads")).isEqualTo(count(plain, "spad_ifmap", "ifmap", "reads"));
        assertThat(gated.totalCycles()).isEqualTo(plain.totalCycles());
        assertThat(gated.energyPj("spad_filter")).isLessThan(plain.energyPj("spad_filter"));
    }

    private static Traffic ofmap(LayerResult r) {
        return r.traffic().stream().filter(t -> t.level().equals("dram") && t.tensor().equals("ofmap")).findFirst()
                .orElseThrow();
    }
}
