package org.arrayflow.kind.tiled;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.RunOptions;
import org.arrayflow.config.ConfigException;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fused groups fixed in the workload; the command line overrides them. */
class WorkloadFusionTest {
    static final String WORKLOAD = """
            format: arrayflow-workload/1
            name: pair
            input: {channels: 2, height: 8, width: 8}
            fusion: {groups: [a..b], strategy: recompute}
            layers:
              - {name: a, type: conv2d, filters: 4, kernel: 3, padding: 1}
              - {name: b, type: conv2d, filters: 4, kernel: 3, padding: 1}
              - {name: c, type: conv2d, filters: 4, kernel: 1}
            """;

    @Test
    void workloadGroupsApplyUnlessTheCommandLineSaysOtherwise() {
        Network net = WorkloadLoader.parse("pair.yaml", WORKLOAD, 0);
        Architecture arch = ArchLoader.parse("small.yaml", FusionConservationTest.ARCH);
        NetworkResult r = Simulator.run(arch, net, SimOptions.DEFAULT);
        assertThat(r.layers()).extracting(l -> l.name()).containsExactly("a..b", "c");
        assertThat(r.layers().get(0).mapping().get("strategy")).isEqualTo("recompute");

        Architecture cli = RunOptions.apply(arch, Map.of("fuse", "none"), "test");
        NetworkResult unfused = Simulator.run(cli, net, SimOptions.DEFAULT);
        assertThat(unfused.layers()).extracting(l -> l.name()).containsExactly("a", "b", "c");
        assertThat(unfused.macs()).isEqualTo(r.macs());
    }

    @Test
    void aGroupNamingAMissingLayerIsRejectedWithItsPosition() {
        String bad = WORKLOAD.replace("[a..b]", "[a..z]");
        assertThatThrownBy(() -> WorkloadLoader.parse("pair.yaml", bad, 0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("pair.yaml:4:").hasMessageContaining("'z', which is not a layer");
    }
}
