package org.arrayflow.kind.rowstationary;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.config.ConfigException;
import org.arrayflow.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowStationaryArchReaderTest {

    @Test
    void bundledEyerissReadsAsPublished() {
        RowStationaryArch a = (RowStationaryArch) ArchLoader.load("eyeriss-v1");
        assertThat(a.peCount()).isEqualTo(168);
        assertThat(a.ifmapSpad().entries()).isEqualTo(12);
        assertThat(a.filterSpad().entries()).isEqualTo(224);
        assertThat(a.psumSpad().entries()).isEqualTo(24);
        assertThat(a.glbFor(Tensor.IFMAP).bytes()).isEqualTo(100 * 1024);
        assertThat(a.glbFor(Tensor.WEIGHT).bytes()).isEqualTo(8 * 1024);
        // 64 bits at 60 MHz seen from a 200 MHz core: 8 B x 60 / 200 = 2.4 B per cycle.
        assertThat(a.dramBytesPerCycle()).isEqualTo(2.4);
        // ISCA 2016 Table IV, normalized: MAC 1, RF 1, array 2, GLB 6, DRAM 200.
        assertThat(a.energy()).isEqualTo(new RowStationaryArch.RsEnergy(1, 1, 2, 6, 200, a.energy().source()));
    }

    @Test
    void calibrationTableGivesThePicojoules() {
        String y = eyeriss().replace("table: isca16-normalized", "table: nn-dataflow-eyeriss");
        RowStationaryArch a = (RowStationaryArch) ArchLoader.parse("e.yaml", y);
        assertThat(a.energy()).isEqualTo(new RowStationaryArch.RsEnergy(2, 1, 4, 15, 460, a.energy().source()));
    }

    @Test
    void aTensorWithoutAPartitionIsAnError() {
        String y = eyeriss().replace("holds: [weight]", "holds: [ifmap]");
        assertThatThrownBy(() -> ArchLoader.parse("e.yaml", y)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("global_buffer.partitions")
                .hasMessageContaining("tensor 'ifmap' must be held by exactly one partition");
    }

    @Test
    void unknownKeyIsReportedWithItsPosition() {
        String y = eyeriss().replace("pe_array: {rows: 12, cols: 14}", "pe_array: {rows: 12, cols: 14, depth: 2}");
        assertThatThrownBy(() -> ArchLoader.parse("e.yaml", y)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("e.yaml:").hasMessageContaining("pe_array");
    }

    private static String eyeriss() {
        return org.arrayflow.config.Bundled.resolve(org.arrayflow.config.Bundled.ARCH, "eyeriss-v1").text();
    }
}
