package org.arrayflow.scalesim;

import org.arrayflow.config.ConfigException;
import org.arrayflow.workload.Gemm;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyTest {
    @Test
    void outputSizeIsCeilOfHMinusFPlusSOverS() {
        // (7 - 3 + 2) / 2 = 3 exactly; (8 - 3 + 2) / 2 = 3.5 -> 4: one more than a real convolution's
        // floor((8 - 3) / 2) + 1 = 3, because SCALE-Sim keeps a window that overhangs the ifmap.
        assertThat(Topology.outSize(7, 3, 2)).isEqualTo(3);
        assertThat(Topology.outSize(8, 3, 2)).isEqualTo(4);
        // AlexNet Conv1 as SCALE-Sim has it: 224, 11x11, stride 4 -> ceil(217 / 4) = 55.
        assertThat(Topology.outSize(224, 11, 4)).isEqualTo(55);
    }

    @Test
    void convRowsBecomeIm2colGemmsWithoutPadding() {
        String csv = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n"
                + "\n"
                + "Conv1, 224, 224, 11, 11, 3, 96, 4, 2:4, extra,\n"
                + "Conv2, 27, 27, 5, 5, 96, 256, 1\n\n";
        Network n = Topology.parse("a.csv", csv, null);
        assertThat(n.layers()).hasSize(2);
        assertThat(n.batch()).isEqualTo(1);
        Gemm g = n.layers().get(0).gemms().get(0);
        // M = 55 x 55 = 3025 output pixels, K = 11 x 11 x 3 = 363, N = 96 filters.
        assertThat(g.m()).isEqualTo(3025);
        assertThat(g.k()).isEqualTo(363);
        assertThat(g.n()).isEqualTo(96);
        Layer conv2 = n.layers().get(1);
        // 27 - 5 + 1 = 23 per side with no padding; MACs = 23 x 23 x 256 x (5 x 5 x 96).
        assertThat(conv2.output().height()).isEqualTo(23);
        assertThat(conv2.macs()).isEqualTo(529L * 256 * 2400);
    }

    @Test
    void gemmRowsAreDetectedFromTheHeaderOrForced() {
        String csv = "Layer Name, M, N, K,\nTest 1, 256, 128, 256,\n";
        Gemm g = Topology.parse("g.csv", csv, null).layers().get(0).gemms().get(0);
        assertThat(g.m()).isEqualTo(256);
        assertThat(g.n()).isEqualTo(128);
        assertThat(g.k()).isEqualTo(256);
        String noHeaderNames = "name, a, b, c\nx, 2, 3, 4\n";
        Gemm forced = Topology.parse("g.csv", noHeaderNames, Topology.Format.GEMM).layers().get(0).gemms().get(0);
        assertThat(forced.m() * forced.n() * forced.k()).isEqualTo(24);
    }

    @Test
    void badRowsNameFileAndLine() {
        assertThatThrownBy(() -> Topology.parse("b.csv", "h\nConv1, 5, 5, 7, 7, 1, 1, 1,\n", Topology.Format.CONV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("b.csv:2:1").hasMessageContaining("larger");
        assertThatThrownBy(() -> Topology.parse("b.csv", "h\nConv1, 5, x, 3, 3, 1, 1, 1,\n", Topology.Format.CONV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("IFMAP width");
        assertThatThrownBy(() -> Topology.parse("b.csv", "h\nConv1, 5, 5, 3,\n", Topology.Format.CONV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs 8 fields");
    }
}
