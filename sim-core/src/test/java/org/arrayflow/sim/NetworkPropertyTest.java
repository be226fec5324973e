package org.arrayflow.sim;

import org.arrayflow.dataflow.MappingException;
import org.arrayflow.kind.systolic.SystolicArch;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.testing.Fixtures;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded small networks (conv, residual add, pooling, global pooling, fc) through {@link Simulator#run} with
 * activation residency: with a unified buffer some activations stay on chip, so the network's DRAM traffic
 * must still cover the network input once, every weight once and the last output once, and every layer's
 * MACs must be done.
 */
class NetworkPropertyTest {
    static Stream<Integer> seeds() {
        return IntStream.range(0, 60).boxed();
    }

    static String network(SplittableRandom rnd) {
        int c = 1 + rnd.nextInt(8);
        int hw = 4 + rnd.nextInt(12);
        int f = 1 + rnd.nextInt(16);
        List<String> layers = new ArrayList<>();
        layers.add(String.format(Locale.ROOT, "{name: c1, type: conv2d, filters: %d, kernel: 3, padding: 1}", f));
        layers.add(String.format(Locale.ROOT, "{name: c2, type: conv2d, filters: %d, kernel: 3, padding: 1, groups: %s}",
                f, rnd.nextBoolean() ? "depthwise" : "1"));
        layers.add("{name: r, type: add, inputs: [c2, c1]}");
        layers.add("{name: p, type: " + (rnd.nextBoolean() ? "maxpool" : "avgpool") + ", kernel: 2}");
        layers.add("{name: g, type: global_avgpool}");
        layers.add("{name: fc, type: fc, outputs: " + (1 + rnd.nextInt(20)) + "}");
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, """
                format: arrayflow-workload/1
                name: net
                input: {channels: %d, height: %d, width: %d}
                layers:
                """, c, hw, hw));
        for (String l : layers) {
            sb.append("  - ").append(l).append('\n');
        }
        return sb.toString();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void networkTrafficCoversInputsWeightsAndResult(int seed) {
        SplittableRandom rnd = new SplittableRandom(0xfeed_0000L + seed);
        Network net = org.arrayflow.workload.WorkloadLoader.parse("net.yaml", network(rnd), 0);
        String df = List.of("weight-stationary", "output-stationary", "input-stationary").get(rnd.nextInt(3));
        double ub = Math.pow(2, rnd.nextInt(12)) / 4;
        SystolicArch arch = rnd.nextBoolean()
                ? Fixtures.unified(1 + rnd.nextInt(32), 1 + rnd.nextInt(32), df, ub, 1 + rnd.nextInt(64), 4, 8, 10)
                : Fixtures.separate(1 + rnd.nextInt(32), 1 + rnd.nextInt(32), df, ub, 8, ub, 8, 10);
        NetworkResult r;
        try {
            r = Simulator.run(arch, net, SimOptions.DEFAULT);
        } catch (MappingException e) {
            return;
        }
        assertThat(r.macs()).isEqualTo(net.macs());
        long dram = r.bytes("dram");
        Layer last = net.layers().get(net.layers().size() - 1);
        long compulsory = net.input().elements() + net.weights() + last.outputWords();
        assertThat(dram).isGreaterThanOrEqualTo(compulsory);
        for (LayerResult l : r.layers()) {
            assertThat(l.stallCycles()).isNotNegative();
            for (Traffic t : l.traffic()) {
                assertThat(t.bytes()).isNotNegative();
            }
        }
        // the last layer's output always goes back to DRAM
        assertThat(Fixtures.traffic(r.layers().get(r.layers().size() - 1), "dram", "ofmap").writes())
                .isEqualTo(last.outputWords());
    }
}
