package org.arrayflow.sim;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.kind.systolic.SystolicArch;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.testing.Fixtures;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every layer type of issue #14 run on a bundled preset of each kind (systolic: tpu-v1 and systolic-32x32;
 * row-stationary: eyeriss-v1; tiled: fpga-vc707-zhang15): the MACs done equal the layer's, as the MAC energy
 * counts them, and time adds up; a split, an embedding and a crop run alone read from DRAM only the words they take.
 */
class NewLayerKindsRunTest {
    static final String YAML = String.join("\n",
            "format: arrayflow-workload/1",
            "name: new-kinds",
            "input: {channels: 4, height: 8, width: 8}",
            "layers:",
            "  - {name: bn, type: batchnorm}",
            "  - {name: act, type: activation, function: gelu}",
            "  - {name: up, type: conv_transpose, filters: 8, kernel: 2, stride: 2}",
            "  - {name: up3, type: conv_transpose, input: act, filters: 8, kernel: 3, stride: 2, padding: 1,"
                    + " output_padding: 1}",
            "  - {name: s, type: split, input: act, offset: 1, channels: 2}",
            "  - {name: r, type: upsample, input: s, scale: 2, mode: bilinear}",
            "  - {name: cat, type: concat, inputs: [up, r, up3]}",
            "  - {name: ids, type: split, input: input, channels: 1}",
            "  - {name: emb, type: embedding, vocabulary: 1000, dim: 16}",
            "  - {name: crop, type: crop, input: act, height: 4, width: 6}",
            "");

    @ParameterizedTest
    @ValueSource(strings = {"tpu-v1", "systolic-32x32", "eyeriss-v1", "fpga-vc707-zhang15"})
    void everyNewTypeRunsAndConservesMacs(String preset) {
        Architecture arch = ArchLoader.load(preset);
        Network net = WorkloadLoader.parse("new-kinds.yaml", YAML, 1);
        // up: 4 x 8 x 2 x 2 x 8 x 8 = 8,192 MACs; up3: 4 x 8 x 3 x 3 x 8 x 8 = 18,432; the rest none
        assertThat(net.layer("up").macs()).isEqualTo(8_192);
        assertThat(net.layer("up3").macs()).isEqualTo(18_432);
        assertThat(net.layer("cat").output().channels()).isEqualTo(18);
        NetworkResult r = Simulator.run(arch, net, SimOptions.DEFAULT);
        assertThat(r.layers()).hasSize(net.layers().size());
        for (int i = 0; i < net.layers().size(); i++) {
            Layer l = net.layers().get(i);
            LayerResult lr = r.layers().get(i);
            long macEvents = lr.energy().stream().filter(e -> e.component().equals("mac"))
                    .mapToLong(EnergyItem::count).sum();
            assertThat(lr.macs()).as(preset + " " + l.name()).isEqualTo(l.macs());
            assertThat(macEvents).as(preset + " " + l.name()).isEqualTo(l.macs());
            assertThat(lr.totalCycles()).isEqualTo(lr.computeCycles() + lr.stallCycles());
        }
        assertThat(r.macs()).isEqualTo(8_192 + 18_432);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tpu-v1", "systolic-32x32"})
    void splitAndEmbeddingReadOnlyWhatTheyTake(String preset) {
        SystolicArch arch = (SystolicArch) ArchLoader.load(preset);
        Network net = WorkloadLoader.parse("new-kinds.yaml", YAML, 1);
        // alone, with every input in DRAM: the split takes 2 of 4 channels of 8x8, 128 words (not its input's
        // 256); the embedding 16 features x 64 tokens = 1,024 table words (not the table's 16,000)
        assertThat(dramIfmapReads(Fixtures.isolated(arch, net.layer("s")))).isEqualTo(128);
        assertThat(dramIfmapReads(Fixtures.isolated(arch, net.layer("emb")))).isEqualTo(1_024);
        // the crop its 4 x 6 window of 8 x 8 in each of 4 channels, 96 words (not 256)
        assertThat(dramIfmapReads(Fixtures.isolated(arch, net.layer("crop")))).isEqualTo(96);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fpga-vc707-zhang15"})
    void theTiledEngineStreamsOnlyWhatSplitAndEmbeddingTake(String preset) {
        NetworkResult r = Simulator.run(ArchLoader.load(preset), WorkloadLoader.parse("new-kinds.yaml", YAML, 1),
                SimOptions.DEFAULT);
        assertThat(dramIfmapReads(r.layers().get(4))).isEqualTo(128);
        assertThat(dramIfmapReads(r.layers().get(8))).isEqualTo(1_024);
    }

    private static long dramIfmapReads(LayerResult lr) {
        long reads = 0;
        for (Traffic t : lr.traffic()) {
            if (t.level().equals("dram") && t.tensor().equals("ifmap")) {
                reads += t.reads();
            }
        }
        return reads;
    }
}
