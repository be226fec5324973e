package org.arrayflow.kind.rowstationary;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.result.LayerResult;
import org.arrayflow.workload.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.arrayflow.kind.rowstationary.TinyArrays.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Laws every row-stationary run keeps, on random small layers (fixed seeds) with searched mappings. */
class ConservationTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void macsTrafficAndPsumsBalance(long seed) {
        Random rnd = new Random(seed);
        RowStationaryArch a = (RowStationaryArch) ArchLoader.load("eyeriss-v1");
        int kernel = 1 + rnd.nextInt(5);
        int stride = 1 + rnd.nextInt(2);
        int size = kernel + rnd.nextInt(24);
        Layer l = TinyArrays.conv(1 + rnd.nextInt(40), size, 1 + rnd.nextInt(70), kernel, stride, rnd.nextInt(2),
                1 + rnd.nextInt(4));
        LayerResult r = TinyArrays.run(a, l);

        // The engine already refuses a program whose MACs differ from the layer's; check it reached here.
        assertThat(r.macs()).isEqualTo(l.macs());
        // Every input word the convolution reads, weight and output crosses DRAM at least once (no RLC in
        // eyeriss-v1). The model stores the padded ifmap; a strided window may skip the last rows/columns, so
        // the words read are N x C x ((E-1)U + R) x ((F-1)U + S) of the padded map.
        long readRows = (long) (l.output().height() - 1) * stride + kernel;
        long readCols = (long) (l.output().width() - 1) * stride + kernel;
        assertThat(count(r, "dram", "ifmap", "reads"))
                .isGreaterThanOrEqualTo((long) l.batch() * l.input().channels() * readRows * readCols);
        assertThat(count(r, "dram", "weight", "reads")).isGreaterThanOrEqualTo(l.weights());
        assertThat(count(r, "dram", "ofmap", "writes")).isEqualTo(l.outputWords());
        // Psums written to the GLB between channel blocks are all read back; outputs leave exactly once.
        assertThat(count(r, "glb_fmap", "psum", "reads")).isEqualTo(count(r, "glb_fmap", "psum", "writes"));
        assertThat(count(r, "glb_fmap", "ofmap", "writes")).isEqualTo(l.outputWords());
        assertThat(count(r, "glb_fmap", "ofmap", "drains")).isEqualTo(l.outputWords());
        // What goes into the GLB from DRAM is what the passes may read.
        assertThat(count(r, "glb_fmap", "ifmap", "fills")).isEqualTo(count(r, "dram", "ifmap", "reads"));
        assertThat(count(r, "glb_filter", "weight", "reads")).isEqualTo(count(r, "glb_filter", "weight", "fills"));
        // RF: four accesses per MAC.
        assertThat(count(r, "spad_psum", "psum", "writes")).isEqualTo(l.macs());
        // The array can never beat one MAC per active PE per cycle.
        long active = Long.parseLong(r.mapping().get("active_pes"));
        assertThat(r.computeCycles() * active).isGreaterThanOrEqualTo(l.macs() / l.groups());
        assertThat(r.totalCycles()).isGreaterThanOrEqualTo(r.computeCycles());
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void searchEstimateEqualsWhatTheEngineCounts(long seed) {
        Random rnd = new Random(seed);
        RowStationaryArch a = (RowStationaryArch) ArchLoader.load("eyeriss-v1");
        Layer l = TinyArrays.conv(1 + rnd.nextInt(20), 8 + rnd.nextInt(20), 1 + rnd.nextInt(40), 3, 1, 1,
                1 + rnd.nextInt(3));
        RsPlanner planner = new RsPlanner(a);
        RsMapper.Choice c = planner.map(RsProblem.of(l, a.precision(l)));
        LayerResult r = TinyArrays.run(a, l);
        RsLevels lv = planner.rsLevels();
        for (int level = 0; level < lv.names().size(); level++) {
            assertThat(TinyArrays.level(r, lv.names().get(level))).as(lv.names().get(level))
                    .isEqualTo(c.estimate().levelTotal(level));
        }
        assertThat(r.computeCycles()).isEqualTo(c.estimate().arrayCycles());
    }

    @Test
    void elevenRowsFitEyerissButThirteenAreRejected() {
        RowStationaryArch a = (RowStationaryArch) ArchLoader.load("eyeriss-v1");
        assertThat(TinyArrays.run(a, TinyArrays.conv(3, 40, 8, 11, 4, 0, 1)).macs()).isPositive();
        // 13 rows exceed the 12 PE rows, and a 13-wide row window the 12-entry ifmap spad: named, not mis-mapped.
        assertThatThrownBy(() -> TinyArrays.run(a, TinyArrays.conv(3, 40, 8, 13, 1, 0, 1)))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("filter height R=13 exceeds the 12 PE rows");
    }

    /** A GEMM runs as a 1 x 1 convolution over a 1 x m row: same MACs, every operand and output crosses DRAM. */
    @Test
    void gemmRunsAsOneByOneConvolution() {
        RowStationaryArch a = (RowStationaryArch) ArchLoader.load("eyeriss-v1");
        Layer l = org.arrayflow.workload.WorkloadLoader.parse("g.yaml", String.join("\n",
                "format: arrayflow-workload/1", "name: g", "batch: 2", "input: {channels: 1, height: 1, width: 1}",
                "layers:", "  - {name: mm, type: gemm, m: 50, n: 70, k: 90}", ""), 0).layers().get(0);
        LayerResult r = TinyArrays.run(a, l);
        // 2 images x 50 rows = 100 rows of 90 x 70 products.
        assertThat(r.macs()).isEqualTo(100L * 90 * 70);
        assertThat(count(r, "dram", "ifmap", "reads")).isGreaterThanOrEqualTo(100L * 90);
        assertThat(count(r, "dram", "weight", "reads")).isGreaterThanOrEqualTo(90L * 70);
        assertThat(count(r, "dram", "ofmap", "writes")).isEqualTo(100L * 70);
    }
}
