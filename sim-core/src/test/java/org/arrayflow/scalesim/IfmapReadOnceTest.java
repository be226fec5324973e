package org.arrayflow.scalesim;

import org.arrayflow.result.LayerResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.workload.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On google.cfg (6 MB ifmap SRAM) every ifmap of AlexNet and ResNet-18 fits, so each layer reads its ifmap from DRAM
 * exactly once: H x W x C bytes. (Before the M ranges' plane shares were cut exactly, 22 of these 78 layers read
 * 2 to 34 bytes more than the tensor holds.)
 */
class IfmapReadOnceTest {
    @ParameterizedTest
    @ValueSource(strings = {"os", "ws", "is"})
    void everyIfmapIsReadOnceWhenItFits(String df) {
        ScaleSimConfig cfg = ScaleSimConfig.load("../validation/scalesim/google_" + df + ".cfg");
        for (String topology : new String[] {"alexnet", "resnet18"}) {
            Network net = Topology.load("../validation/scalesim/" + topology + ".csv", null);
            ScaleSimRun run = ScaleSimRun.run(cfg, net, false);
            for (int i = 0; i < net.layers().size(); i++) {
                long stored = net.layers().get(i).inputShapes().get(0).elements();
                assertThat(stored).isLessThanOrEqualTo(cfg.ifmapKb() * 1024);
                LayerResult r = run.result().layers().get(i);
                assertThat(ifmapReads(r)).as(df + " " + topology + " " + r.name()).isEqualTo(stored);
            }
        }
    }

    private static long ifmapReads(LayerResult r) {
        return r.traffic().stream().filter(t -> t.level().equals("dram") && t.tensor().equals("ifmap"))
                .mapToLong(Traffic::reads).sum();
    }
}
