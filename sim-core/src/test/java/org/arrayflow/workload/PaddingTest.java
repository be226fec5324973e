package org.arrayflow.workload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Padding must be smaller than the window's extent along its axis, D(K − 1) + 1, or the outputs at the border
 * read nothing but padding: the largest padding allowed, by hand, and one more.
 */
class PaddingTest {
    private static final List<String> IN = List.of("x");
    private static final Shape IMAGE = new Shape(3, 32, 32);

    @Test
    void aConvolutionPadsLessThanItsKernel() {
        // 3x3, pad 2: floor((32 + 4 - 3) / 1) + 1 = 34; the first output's window covers rows -2..0, one real row
        Layer c = Layers.conv2d(0, "c", IN, IMAGE, 1, 4, new Window(3, 3, 1, 1, 2, 2, 1), 1);
        assertThat(c.output()).isEqualTo(new Shape(4, 34, 34));
        assertThatThrownBy(() -> Layers.conv2d(0, "c", IN, IMAGE, 1, 4, new Window(3, 3, 1, 1, 3, 3, 1), 1))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isEqualTo("padding"))
                .hasMessage("layer 'c': padding 3 must be smaller than the 3x3 kernel, or outputs at the border see "
                        + "only padding");
    }

    @Test
    void dilationWidensTheExtentAndEachAxisIsItsOwn() {
        // 3x3 at dilation 2 spans 2 x (3 - 1) + 1 = 5: pad 4 is allowed, 5 is not
        Layer c = Layers.conv2d(0, "c", IN, IMAGE, 1, 4, new Window(3, 3, 1, 1, 4, 4, 2), 1);
        assertThat(c.output()).isEqualTo(new Shape(4, 36, 36));
        assertThatThrownBy(() -> Layers.conv2d(0, "c", IN, IMAGE, 1, 4, new Window(3, 3, 1, 1, 4, 5, 2), 1))
                .hasMessage("layer 'c': padding 4,5 must be smaller than the 3x3 kernel (5x5 at dilation 2), or outputs "
                        + "at the border see only padding");
        // a 1x7 kernel takes up to 6 columns of padding but none on rows
        assertThat(Layers.conv2d(0, "c", IN, IMAGE, 1, 4, new Window(1, 7, 1, 1, 0, 6, 1), 1).output())
                .isEqualTo(new Shape(4, 32, 38));
        assertThatThrownBy(() -> Layers.conv2d(0, "c", IN, IMAGE, 1, 4, new Window(1, 7, 1, 1, 1, 3, 1), 1))
                .hasMessageContaining("padding 1,3 must be smaller than the 1x7 kernel");
    }

    @Test
    void poolingToo() {
        assertThat(Layers.pool(0, "p", LayerKind.MAXPOOL, IN, IMAGE, 1, new Window(2, 2, 2, 2, 1, 1, 1)).output())
                .isEqualTo(new Shape(3, 17, 17));
        assertThatThrownBy(() -> Layers.pool(0, "p", LayerKind.AVGPOOL, IN, IMAGE, 1, new Window(2, 2, 2, 2, 2, 2, 1)))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isEqualTo("padding"));
    }
}
