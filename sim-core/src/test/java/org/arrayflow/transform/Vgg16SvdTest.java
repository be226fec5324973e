package org.arrayflow.transform;

import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #13's must-hold: {@code low_rank} of the bundled vgg16 at fc6 rank 500 is the bundled vgg16-svd (Qiu et
 * al., FPGA 2016: fc6 as 25088x500 and 500x4096), layer by layer: names, wiring, shapes, windows, loop nests,
 * MACs, weights and tensor settings all equal.
 */
class Vgg16SvdTest {
    @Test
    void lowRankOfVgg16IsTheBundledVgg16Svd() {
        Network vgg16 = WorkloadLoader.load("vgg16", 0);
        Network svd = WorkloadLoader.load("vgg16-svd", 0);
        Changes c = Transforms.apply(vgg16, List.of(TransformSyntax.parse("low_rank:fc6=500", "test")));
        List<Layer> got = c.after().layers();
        assertThat(got).extracting(Layer::name).isEqualTo(svd.layers().stream().map(Layer::name).toList());
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i)).as(got.get(i).name()).isEqualTo(svd.layers().get(i));
        }
        assertThat(c.after().weights()).isEqualTo(svd.weights());
        assertThat(c.after().macs()).isEqualTo(svd.macs()).isEqualTo(15_382_095_872L); // vgg16-svd.yaml's figure
        assertThat(c.after().fusion()).isEqualTo(svd.fusion());
        // fc6: 102,760,448 weights become 12,544,000 + 2,048,000 (Qiu et al.: 103M -> 14.6M)
        Changes.LayerChange fc6 = c.steps().get(0).layers().get(0);
        assertThat(fc6.before().weights()).isEqualTo(102_760_448L);
        assertThat(fc6.after()).extracting(Layer::weights).containsExactly(12_544_000L, 2_048_000L);
    }
}
