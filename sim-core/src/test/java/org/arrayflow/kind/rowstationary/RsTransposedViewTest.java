package org.arrayflow.kind.rowstationary;

import org.arrayflow.workload.Layer;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transposed convolution on the row-stationary array is its scatter GEMM seen as a 1x1 convolution over its input
 * image: 3 channels of 6 x 5 at batch 2, 4 filters of 2 x 2, stride 2, are 2 images of 6 x 5 with 3 channels and
 * 4 x 2 x 2 = 16 filters of 1 x 1, the GEMM's M = 2 x 6 x 5 = 60 pixels kept as rows and columns, not one row of 60.
 */
class RsTransposedViewTest {
    @Test
    void theScatterGemmIsAOneByOneConvolutionOverTheInputImage() {
        Layer l = WorkloadLoader.parse("t.yaml", String.join("\n",
                "format: arrayflow-workload/1",
                "name: t",
                "batch: 2",
                "input: {channels: 3, height: 6, width: 5}",
                "layers:",
                "  - {name: up, type: conv_transpose, filters: 4, kernel: 2, stride: 2}", ""), 0).layers().get(0);
        RowStationaryArch a = TinyArrays.load(TinyArrays.arch(""));
        RsProblem p = RsProblem.of(l, a.precision(l));
        assertThat(new int[] {p.n(), p.c(), p.m(), p.h(), p.w(), p.r(), p.s(), p.e(), p.f()})
                .containsExactly(2, 3, 16, 6, 5, 1, 1, 6, 5);
        // the same MACs as the layer: 2 x 6 x 5 pixels x 3 channels x 16 partial outputs
        assertThat((long) p.n() * p.e() * p.f() * p.c() * p.m() * p.r() * p.s()).isEqualTo(l.macs()).isEqualTo(2880);
    }
}
