package org.arrayflow.kind.tiled;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.fusion.FusionConfig;
import org.arrayflow.fusion.FusionStrategy;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random conv/pool chains, fused whole, simulated on the engine: every useful MAC is done and
 * recompute adds exactly the counted extra; reuse and block add none; off-chip bytes are never below the
 * group's input plus output plus weights.
 */
class FusionConservationTest {
    static final String ARCH = """
            format: arrayflow-arch/1
            name: small-fpga
            type: tiled-fusion
            clock_mhz: 100
            word_bits: 16
            compute: {dsp_slices: 64, macs_per_dsp: 1}
            on_chip: {budget_kib: 512}
            dram: {bandwidth_gb_s: 1.6, efficiency: 1.0}
            tiling: {tm: 8, tn: 8}
            """;

    static String randomChain(Random rnd) {
        int size = 8 + 4 * rnd.nextInt(4);
        StringBuilder sb = new StringBuilder("format: arrayflow-workload/1\nname: chain\ninput: {channels: "
                + (1 + rnd.nextInt(4)) + ", height: " + size + ", width: " + size + "}\nlayers:\n");
        int layers = 2 + rnd.nextInt(3);
        for (int i = 0; i < layers; i++) {
            if (i > 0 && rnd.nextInt(4) == 0 && size % 2 == 0 && size >= 4) {
                sb.append("  - {name: l").append(i).append(", type: maxpool, kernel: 2, stride: 2}\n");
                size /= 2;
            } else {
                int k = rnd.nextBoolean() ? 3 : 1;
                sb.append("  - {name: l").append(i).append(", type: conv2d, filters: ").append(2 + rnd.nextInt(6))
                        .append(", kernel: ").append(k).append(", padding: ").append(k / 2).append("}\n");
            }
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void fusedGroupsConserveWork(long seed) {
        Random rnd = new Random(seed);
        Network net = WorkloadLoader.parse("chain.yaml", randomChain(rnd), 1 + rnd.nextInt(2));
        String all = net.layers().get(0).name() + ".." + net.layers().get(net.layers().size() - 1).name();
        TiledFusionArch base = (TiledFusionArch) ArchLoader.parse("small.yaml", ARCH);
        long usefulMacs = net.macs();
        long wb = base.precision().bytes(Tensor.IFMAP, 1);
        long floor = (net.layers().get(0).inputWords() + net.layers().get(net.layers().size() - 1).outputWords()
                + net.weights()) * wb;
        for (FusionStrategy s : FusionStrategy.values()) {
            int tile = 1 + rnd.nextInt(3);
            TiledFusionArch a = base.withFusion(new FusionConfig(List.of(all), s, tile, tile));
            NetworkResult r = Simulator.run(a, net, SimOptions.DEFAULT);
            assertThat(r.layers()).hasSize(1);
            LayerResult g = r.layers().get(0);
            assertThat(g.macs()).as("useful MACs of the group").isEqualTo(usefulMacs);
            long extra = Long.parseLong(g.mapping().get("extra_macs"));
            double macEnergy = g.energy().stream().filter(e -> e.component().equals("mac"))
                    .mapToLong(e -> e.count()).sum();
            assertThat((long) macEnergy).as("MACs performed = useful + extra").isEqualTo(usefulMacs + extra);
            if (s == FusionStrategy.RECOMPUTE) {
                assertThat(extra).isGreaterThanOrEqualTo(0);
            } else {
                assertThat(extra).as(s + " adds no MACs").isZero();
            }
            assertThat(g.bytes("dram")).as(s + " off-chip bytes").isGreaterThanOrEqualTo(floor);
        }
    }
}
