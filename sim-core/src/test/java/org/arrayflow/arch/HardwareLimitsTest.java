package org.arrayflow.arch;

import org.arrayflow.config.ConfigException;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code limits:} on a small tiled engine: a layer inside every limit runs; each limit, broken, names itself. */
class HardwareLimitsTest {
    private static final String ARCH = "format: arrayflow-arch/1\nname: npu\ntype: tiled-fusion\nclock_mhz: 100\n"
            + "word_bits: 8\ncompute: {dsp_slices: 4, macs_per_dsp: 1}\non_chip: {budget_kib: 64}\n"
            + "tiling: {tm: 2, tn: 2}\ndram: {bandwidth_gb_s: 10}\n"
            + "limits:\n  kernels: [\"1x1\", \"3x3\"]\n  strides: [1, 2]\n  channels: {min: 1, max: 16}\n"
            + "  max_input: {width: 32, height: 24}\n  pool_windows: [\"2x2\"]\n";

    private static Network net(String input, String layers) {
        return WorkloadLoader.parse("w.yaml", "format: arrayflow-workload/1\nname: w\ninput: " + input
                + "\nlayers:\n" + layers, 1);
    }

    private static NetworkResult run(Network n) {
        return Simulator.run(ArchLoader.parse("npu.yaml", ARCH), n, SimOptions.DEFAULT);
    }

    private static void refused(Network n, String message) {
        assertThatThrownBy(() -> run(n)).isInstanceOf(MappingException.class).hasMessage(message);
    }

    @Test
    void aLayerWithinEveryLimitRuns() {
        // 4 -> 8 channels, 3x3 at stride 1, padding 1, on 24 x 32: 8 x 4 x 9 x 768 = 221,184 MACs; then a 2x2 pool.
        Network n = net("{channels: 4, height: 24, width: 32}",
                "  - {name: c, type: conv2d, filters: 8, kernel: 3, padding: 1}\n"
                        + "  - {name: p, type: maxpool, kernel: 2, stride: 2}\n");
        assertThat(run(n).macs()).isEqualTo(221_184L);
    }

    @Test
    void eachLimitBrokenNamesTheLayerTheLimitAndTheValue() {
        String in = "{channels: 4, height: 24, width: 32}";
        refused(net(in, "  - {name: c5, type: conv2d, filters: 8, kernel: 5, padding: 2}\n"),
                "layer 'c5': its kernel is 5x5, outside npu's hardware limit (limits: kernels 1x1, 3x3)");
        refused(net(in, "  - {name: s3, type: conv2d, filters: 8, kernel: 3, stride: 3}\n"),
                "layer 's3': its stride is 3, outside npu's hardware limit (limits: strides 1, 2)");
        refused(net(in, "  - {name: wide, type: conv2d, filters: 17, kernel: 1}\n"),
                "layer 'wide': its output has 17 channels, outside npu's hardware limit (limits: channels 1 to 16)");
        refused(net("{channels: 32, height: 24, width: 32}", "  - {name: deep, type: conv2d, filters: 8, kernel: 1}\n"),
                "layer 'deep': its input has 32 channels, outside npu's hardware limit (limits: channels 1 to 16)");
        refused(net("{channels: 4, height: 24, width: 33}", "  - {name: big, type: conv2d, filters: 8, kernel: 1}\n"),
                "layer 'big': its input is 33 x 24 (width x height), outside npu's hardware limit"
                        + " (limits: max_input 32 x 24)");
        refused(net("{channels: 4, height: 25, width: 32}", "  - {name: tall, type: conv2d, filters: 8, kernel: 1}\n"),
                "layer 'tall': its input is 32 x 25 (width x height), outside npu's hardware limit"
                        + " (limits: max_input 32 x 24)");
        refused(net(in, "  - {name: p3, type: maxpool, kernel: 3, stride: 2}\n"),
                "layer 'p3': its pooling window is 3x3, outside npu's hardware limit (limits: pool_windows 2x2)");
    }

    @Test
    void theFirstLayerOutsideIsRefusedBeforeAnyIsSimulated() {
        Network n = net("{channels: 4, height: 24, width: 32}",
                "  - {name: ok, type: conv2d, filters: 8, kernel: 3, padding: 1}\n"
                        + "  - {name: bad, type: conv2d, filters: 8, kernel: 7, padding: 3}\n");
        assertThatThrownBy(() -> run(n)).isInstanceOf(MappingException.class).hasMessageStartingWith("layer 'bad'");
    }

    @Test
    void anArchitectureWithoutLimitsTakesAnyLayerAndBadLimitsAreInputErrors() {
        Network n = net("{channels: 4, height: 24, width: 33}",
                "  - {name: c5, type: conv2d, filters: 17, kernel: 5, padding: 2}\n");
        String free = ARCH.substring(0, ARCH.indexOf("limits:"));
        // 17 x 4 x 25 x 792 = 1,346,400 MACs
        assertThat(Simulator.run(ArchLoader.parse("free.yaml", free), n, SimOptions.DEFAULT).macs())
                .isEqualTo(1_346_400L);
        assertThatThrownBy(() -> ArchLoader.parse("npu.yaml", free + "limits: {channels: {min: 9, max: 4}}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("npu.yaml")
                .hasMessageContaining("min").hasMessageContaining("must not exceed max (4)");
        assertThatThrownBy(() -> ArchLoader.parse("npu.yaml", free + "limits: {kernels: [\"3\"]}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kernels");
    }
}
