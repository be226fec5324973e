package org.arrayflow.sim;

import org.arrayflow.arch.Architecture;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Layers;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.arrayflow.sim.Systolic4x4.arch;
import static org.arrayflow.sim.Systolic4x4.gemm;
import static org.assertj.core.api.Assertions.assertThat;

/** DRAM capacity ({@code size_gib}) against what a network needs at once, by hand on the 8-bit 4 x 4 array. */
class DramFitTest {
    private static final double GIB = 1L << 30;

    /**
     * A GEMM of 256 tokens (reduction 4, 4 outputs) then an add of its output to itself: weights 4 x 4 = 16 bytes;
     * the GEMM reads 256 x 4 and writes 256 x 4 bytes (2048), the add reads two 1024-byte inputs and writes 1024
     * (3072, the largest layer); 16 + 3072 = 3088 bytes at least.
     */
    private static Network net() {
        Layer g = gemm(256, 4);
        Shape out = g.output();
        Layer add = Layers.add(1, "a", List.of("g", "g"), List.of(out, out), 1);
        return new Network("n", "", 1, g.input(), List.of(g, add));
    }

    @Test
    void needCountsWeightsAndTheLargestLayersActivations() {
        DramFit.Need n = DramFit.need(arch(1, ""), net());
        assertThat(n.weightBytes()).isEqualTo(16);
        assertThat(n.activationBytes()).isEqualTo(3072);
        assertThat(n.heldBytes()).isZero();
        assertThat(n.total()).isEqualTo(3088);
    }

    @Test
    void aNetworkAboveTheCapacityIsWarnedAboutAndOneWithinItIsNot() {
        Architecture exact = arch(1, ", size_gib: " + 3088 / GIB, "");
        Architecture under = arch(1, ", size_gib: " + 3087 / GIB, "");
        assertThat(DramFit.capacity(exact)).isEqualTo(3088);
        assertThat(DramFit.warning(exact, net())).isNull();
        // 3088 bytes = 3.02 KiB, weights 16 bytes, activations 3072 = 3.00 KiB, against 3087 = 3.01 KiB
        assertThat(DramFit.warning(under, net())).startsWith("warning: n needs at least 3.02 KiB of DRAM (weights 16"
                + " bytes, tensors kept across steps 0 bytes, its largest layer's activations 3.00 KiB), more than"
                + " small's 3.01 KiB");
        assertThat(DramFit.warning(arch(1, ""), net())).isNull(); // no capacity declared: not checked
    }

    @Test
    void privateDramAndChipsAddTheirCapacities() {
        // 1544 bytes each: shared by 2 cores, 1544 (too small); private, 2 x 1544 = 3088; 2 chips x 2 private, 6176
        String size = ", size_gib: " + 1544 / GIB;
        assertThat(DramFit.capacity(arch(1, size, "cores: {count: 2}\n"))).isEqualTo(1544);
        assertThat(DramFit.capacity(arch(1, size, "cores: {count: 2, dram: private}\n"))).isEqualTo(3088);
        assertThat(DramFit.capacity(arch(1, size, "cores: {count: 2, dram: private}\n"
                + "chips: {count: 2, link: {bandwidth_gb_s: 1}}\n"))).isEqualTo(6176);
    }
}
