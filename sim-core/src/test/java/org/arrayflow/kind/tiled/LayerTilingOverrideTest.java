package org.arrayflow.kind.tiled;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A per-layer override applies to its layer only, even when another layer has the same shape. */
class LayerTilingOverrideTest {
    @Test
    void sameShapeDifferentTiling() {
        String arch = """
                format: arrayflow-arch/1
                name: t
                type: tiled-fusion
                clock_mhz: 100
                word_bits: 16
                compute: {dsp_slices: 64, macs_per_dsp: 1}
                on_chip: {budget_kib: 256}
                dram: {bandwidth_gb_s: 1.6}
                tiling: {tm: 8, tn: 8}
                layer_tiling: {c2: {tr: 2, tc: 2}}
                """;
        String wl = """
                format: arrayflow-workload/1
                name: twins
                input: {channels: 8, height: 8, width: 8}
                layers:
                  - {name: c1, type: conv2d, filters: 8, kernel: 3, padding: 1}
                  - {name: c2, type: conv2d, filters: 8, kernel: 3, padding: 1}
                """;
        NetworkResult r = Simulator.run(ArchLoader.parse("t.yaml", arch), WorkloadLoader.parse("w.yaml", wl, 0),
                SimOptions.DEFAULT);
        assertThat(r.layers().get(1).mapping().get("tile")).isEqualTo("Tr=2 Tc=2");
        assertThat(r.layers().get(0).mapping().get("tile")).isNotEqualTo("Tr=2 Tc=2");
        // 16 tiles of 2x2 at 9 cycles per pixel: compute is 8x8 pixels x 9 = 576 cycles either way.
        assertThat(r.layers().get(1).computeCycles()).isEqualTo(576);
    }
}
