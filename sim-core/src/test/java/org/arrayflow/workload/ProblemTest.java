package org.arrayflow.workload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each layer type written in the canonical letters, with MACs, weights and the GEMM lowering derived by hand. */
class ProblemTest {
    private static final List<String> IN = List.of(WorkloadLoader.INPUT);

    @Test
    void convolution() {
        // 8 channels 10x10, 16 filters 3x3 stride 2 pad 1, 2 groups, batch 3: P = Q = floor((10 + 2 - 3) / 2) + 1 = 5
        Layer l = Layers.conv2d(0, "c", IN, new Shape(8, 10, 10), 3, 16, new Window(3, 3, 2, 2, 1, 1, 1), 2);
        Problem p = l.problem();
        assertThat(List.of(p.n(), p.g(), p.c(), p.k(), p.h(), p.w(), p.r(), p.s(), p.p(), p.q()))
                .containsExactly(3, 2, 4, 8, 10, 10, 3, 3, 5, 5);
        // MACs = N G K C P Q R S = 3 * 2 * 8 * 4 * 5 * 5 * 3 * 3; weights = G K C R S = 2 * 8 * 4 * 9
        assertThat(l.macs()).isEqualTo(3L * 2 * 8 * 4 * 25 * 9);
        assertThat(l.weights()).isEqualTo(2L * 8 * 4 * 9);
        // im2col per group: M = P Q N = 75 rows, K = R S C = 36, N = 8 filters; plane 100 words x 3 images
        assertThat(l.gemms()).containsExactly(new Gemm(75, 36, 8, 2, 4, 9, 300));
        assertThat(l.groups()).isEqualTo(2);
    }

    @Test
    void fullyConnectedReadsTheWholeInputAsOneVector() {
        Layer l = Layers.fc(0, "f", IN, new Shape(4, 3, 3), 2, 10);
        Problem p = l.problem();
        // the window is the input: R = H = 3, S = W = 3, P = Q = 1
        assertThat(List.of(p.c(), p.k(), p.r(), p.s(), p.p(), p.q())).containsExactly(4, 10, 3, 3, 1, 1);
        assertThat(l.macs()).isEqualTo(2L * 10 * 36);
        assertThat(l.weights()).isEqualTo(360);
        assertThat(l.gemms()).containsExactly(Gemm.plain(2, 36, 10, 1));
        assertThat(l.window()).isNull();
    }

    @Test
    void linearIsAPointwiseMapAtEveryPosition() {
        // 64 features x 1 x 12 tokens -> 32 features, batch 2: 24 rows of 64 by 64 x 32
        Layer l = Layers.linear(0, "q", IN, new Shape(64, 1, 12), 2, 32);
        assertThat(l.problem().p() * l.problem().q()).isEqualTo(12);
        assertThat(l.macs()).isEqualTo(24L * 64 * 32);
        assertThat(l.gemms()).containsExactly(Gemm.plain(24, 64, 32, 1));
    }

    @Test
    void gemmRowsStackImages() {
        Layer l = Layers.gemm(0, "g", List.of(), 4, 5, 6, 7);
        assertThat(l.gemms()).containsExactly(Gemm.plain(20, 6, 7, 1));
        assertThat(l.weights()).isEqualTo(42);
    }

    @Test
    void attentionProductsAreSeparatePerImageAndHead() {
        // Q and K: 8 features (2 heads of 4) x 1 x 6 tokens; scores = Q_h K_h^T: 6 x 4 times 4 x 6, 2 heads x 3 images
        Shape qk = new Shape(8, 1, 6);
        Layer l = Layers.matmul(0, "s", List.of("q", "k"), qk, qk, 3, 2, true);
        assertThat(l.gemms()).containsExactly(Gemm.plain(6, 4, 6, 6));
        assertThat(l.macs()).isEqualTo(6L * 4 * 6 * 6);
        assertThat(l.weights()).isZero();
        assertThat(l.output()).isEqualTo(new Shape(12, 1, 6));
        assertThat(l.groups()).isEqualTo(1);
    }

    @Test
    void errorsNameTheKeyTheyAreAbout() {
        assertThatThrownBy(() -> Layers.conv2d(0, "c", IN, new Shape(6, 8, 8), 1, 8, Window.POINT, 4))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isEqualTo("groups"))
                .hasMessage("layer 'c': 6 input channels are not divisible by 4 groups");
        assertThatThrownBy(() -> Layers.conv2d(0, "c", IN, new Shape(6, 2, 2), 1, 8, new Window(3, 3, 1, 1, 0, 0, 1), 1))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isEqualTo("kernel"));
        assertThatThrownBy(() -> Layers.gemm(0, "g", List.of(), 1, 1L << 32, 2, 2))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isEqualTo("m"));
    }

    @Test
    void vectorLayersHaveNoProblem() {
        Layer pool = Layers.pool(0, "p", LayerKind.MAXPOOL, IN, new Shape(4, 8, 8), 2, new Window(2, 2, 2, 2, 0, 0, 1));
        assertThat(pool.problem()).isNull();
        assertThat(pool.macs()).isZero();
        // 4 x 4 x 4 outputs, 4 window elements each, 2 images
        assertThat(pool.vectorOps()).isEqualTo(64L * 4 * 2);
    }
}
