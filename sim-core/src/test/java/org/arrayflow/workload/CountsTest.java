package org.arrayflow.workload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bounds {@link Layers} holds layers to, each at its edge: one step inside is built with the exact count,
 * one step past is a {@link LayerException} for the layer (no key: it is the layer as a whole) that says so.
 */
class CountsTest {
    private static final long TWO_21 = 1L << 21;
    private static final long TWO_30 = 1L << 30;

    @Test
    void macsUpToTheLongLimit() {
        // 2^21 x 2^21 x (2^21 - 1) = 2^63 - 2^42 MACs fit; 2^21 cubed is 2^63, one more than Long.MAX_VALUE
        Layer under = Layers.gemm(0, "g", List.of(), 1, TWO_21, TWO_21, TWO_21 - 1);
        assertThat(under.macs()).isEqualTo(Long.MAX_VALUE - (1L << 42) + 1);
        assertThatThrownBy(() -> Layers.gemm(0, "g", List.of(), 1, TWO_21, TWO_21, TWO_21))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isNull())
                .hasMessage("layer 'g': 9223372036854775808 MACs exceed what can be counted (at most "
                        + "9223372036854775807)");
        // far past, two digits say it: the 3,000,000-cubed GEMM
        assertThatThrownBy(() -> Layers.gemm(0, "g1", List.of(), 1, 3_000_000, 3_000_000, 3_000_000))
                .hasMessage("layer 'g1': 2.7e19 MACs exceed what can be counted (at most 9.2e18)");
    }

    @Test
    void tensorsLeaveRoomForTheirBytes() {
        // a gemm's output is n x 1 x m per image: 2^30 x (2^30 - 1) elements take at most 8 x that many bytes,
        // under 2^63; 2^30 x 2^30 = 2^60 elements would be 2^63 bytes at 64-bit words
        Layer under = Layers.gemm(0, "g", List.of(), 1, TWO_30, 1, TWO_30 - 1);
        assertThat(under.outputWords()).isEqualTo(TWO_30 * (TWO_30 - 1));
        assertThatThrownBy(() -> Layers.gemm(0, "g", List.of(), 1, TWO_30, 1, TWO_30))
                .hasMessage("layer 'g': the output of 1152921504606846976 elements for the batch exceeds what can be "
                        + "counted in bytes (at most 1152921504606846975 elements, of up to 8 bytes each)");
        // the batch counts: 2^30 x 2^29 per image is fine alone, not for two images
        Shape half = new Shape((int) TWO_30, 1, (int) (TWO_30 / 2));
        assertThat(Layers.normalization(0, "n", LayerKind.SOFTMAX, List.of("x"), half, 1).outputWords())
                .isEqualTo(1L << 59);
        assertThatThrownBy(() -> Layers.normalization(0, "n", LayerKind.SOFTMAX, List.of("x"), half, 2))
                .hasMessageStartingWith("layer 'n': the input of 1152921504606846976 elements for the batch");
    }

    @Test
    void headsTimesBatchFitAnInt() {
        // 2 heads x batch (2^30 - 1) = 2^31 - 2 products; x batch 2^30 = 2^31, one past Integer.MAX_VALUE
        Shape qk = new Shape(2, 1, 1);
        Layer under = Layers.matmul(0, "s", List.of("q", "k"), qk, qk, (int) TWO_30 - 1, 2, true);
        assertThat(under.gemms().get(0).count()).isEqualTo(Integer.MAX_VALUE - 1);
        assertThatThrownBy(() -> Layers.matmul(0, "s", List.of("q", "k"), qk, qk, (int) TWO_30, 2, true))
                .hasMessage("layer 's': 2 heads x batch 1073741824 = 2147483648 products exceed the 2147483647 "
                        + "that can be counted");
    }

    @Test
    void aNetworkTotalIsCountedToo() {
        // each layer 2^63 - 2^42 MACs: the second takes the sum past a long
        Layer a = Layers.gemm(0, "a", List.of(), 1, TWO_21, TWO_21, TWO_21 - 1);
        Layer b = Layers.gemm(1, "b", List.of(), 1, TWO_21, TWO_21, TWO_21 - 1);
        Network.Totals one = Network.Totals.NONE.plus(a);
        assertThat(one.macs()).isEqualTo(a.macs());
        assertThatThrownBy(() -> one.plus(b))
                .hasMessage("layer 'b': the workload's MACs up to this layer, 1.8e19, exceed what can be counted "
                        + "(at most 9.2e18)");
        assertThatThrownBy(() -> new Network("n", "", 1, a.input(), List.of(a, b))).isInstanceOf(LayerException.class);
    }

    @Test
    void windowsAndVectorsFitTheirInts() {
        // padding may not take the padded input past an int: 2^31 - 3 rows + 2 x 1 fit, + 2 x 2 do not
        Shape tall = new Shape(1, Integer.MAX_VALUE - 2, 1);
        Layer fits = Layers.conv2d(0, "c", List.of("x"), tall, 1, 1, new Window(3, 1, 1, 1, 1, 0, 1), 1);
        assertThat(fits.output().height()).isEqualTo(Integer.MAX_VALUE - 2);
        assertThatThrownBy(() -> Layers.conv2d(0, "c", List.of("x"), tall, 1, 1, new Window(3, 1, 1, 1, 2, 0, 1), 1))
                .isInstanceOfSatisfying(LayerException.class, e -> assertThat(e.key()).isEqualTo("padding"))
                .hasMessage("layer 'c': the padded input, 2147483649x1, is larger than 2147483647 along an axis");
        // an fc layer reads its input as one vector of C x H x W values, an int
        assertThat(Layers.fc(0, "f", List.of("x"), new Shape(1, 1, Integer.MAX_VALUE), 1, 1).macs())
                .isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> Layers.fc(0, "f", List.of("x"), new Shape(2, 1, (int) TWO_30), 1, 1))
                .hasMessage("layer 'f': its input of 2x1x1073741824 is read as one vector of 2.1e9 values, more than "
                        + "the 2147483647 an fc layer can hold");
    }
}
