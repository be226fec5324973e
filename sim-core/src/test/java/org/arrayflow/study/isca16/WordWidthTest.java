package org.arrayflow.study.isca16;

import org.arrayflow.kind.rowstationary.RowStationaryArch;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The ISCA 2016 comparison at other word widths, by hand. The storage area stays in bytes (256 x 512 B x 1.6 +
 * 128 kB = 340,787.2 GLB bytes); each dataflow keeps its RF words, so at 8 bits WS's two words take 2 B a PE and
 * leave 340,787.2 - 256 x 2 x 1.6 = 339,968 B of buffer, RS's 256 words 256 B and 340,787.2 - 104,857.6 = 235,929.6,
 * 235,930 B. At 32 bits RS's 1,024 B a PE take 419,430 of the area: it does not fit.
 */
class WordWidthTest {
    private static final AreaModel AREA = AreaModel.isca16(AreaModel.ISCA16_IMPLIED_RATIO);

    @Test
    void theAreaStaysInBytesAndNarrowWordsLeaveMoreBuffer() {
        assertThat(new WeightStationary(WeightStationary.Variant.PAPER).rfBytesPerPe(8)).isEqualTo(2);
        assertThat(AREA.glbBytes(2, 8)).isEqualTo(339_968);
        RowStationaryArch rs8 = EyerissComparison.arch(8, AREA);
        assertThat(rs8.wordBits()).isEqualTo(8);
        assertThat(new RowStationary(rs8).rfWordsPerPe()).isEqualTo(256);
        assertThat(rs8.glb().stream().mapToLong(RowStationaryArch.GlbPartition::bytes).sum()).isEqualTo(235_930);
        RowStationaryArch rs16 = EyerissComparison.arch(16, AREA);
        assertThat(rs16.glb().stream().mapToLong(RowStationaryArch.GlbPartition::bytes).sum()).isEqualTo(131_072);
        assertThatThrownBy(() -> EyerissComparison.arch(32, AREA)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RS at 32-bit words does not fit").hasMessageContaining("419430 of the 340787");
    }

    @Test
    void accessesCostTheirBitsAndTheMacItsHorowitzWidth() {
        assertThat(NormalizedCosts.at(16)).isEqualTo(NormalizedCosts.ISCA16);
        NormalizedCosts k = NormalizedCosts.at(8);
        assertThat(k.rf()).isEqualTo(0.5);
        assertThat(k.array()).isEqualTo(1);
        assertThat(k.glb()).isEqualTo(3);
        assertThat(k.dram()).isEqualTo(100);
        // (0.2 + 0.03) / (0.2 x 2^(log 15.5 / log 4) + 0.05): an 8-bit multiply and add over a 16-bit pair
        double mul16 = 0.2 * Math.pow(2, Math.log(3.1 / 0.2) / Math.log(4));
        assertThat(k.alu()).isCloseTo(0.23 / (mul16 + 0.05), within(1e-12));
        assertThat(k.alu()).isCloseTo(0.2747, within(1e-4));
    }

    @Test
    void narrowerWordsNeverMoveMoreWordsAndCostLessPerOp() {
        var net = WorkloadLoader.load("alexnet-eyeriss", 1);
        List<EyerissComparison.Row> at16 = EyerissComparison.run(EyerissComparison.arch(16, AREA), AREA, net);
        List<EyerissComparison.Row> at8 = EyerissComparison.run(EyerissComparison.arch(8, AREA), AREA, net);
        assertThat(at8).hasSameSizeAs(at16);
        for (int i = 0; i < at16.size(); i++) {
            EyerissComparison.Row a = at16.get(i);
            EyerissComparison.Row b = at8.get(i);
            assertThat(b.dataflow()).isEqualTo(a.dataflow());
            assertThat(b.glbBytes()).as("buffer words").isGreaterThan(a.glbBytes() / 2);
            assertThat(b.eval().counts().macs()).isEqualTo(a.eval().counts().macs());
            assertThat(b.dramAccessesPerOp()).as(a.layer() + " " + a.dataflow()).isLessThanOrEqualTo(a.dramAccessesPerOp());
            assertThat(b.totalPerOp()).isLessThan(a.totalPerOp());
            assertThat(b.wordBits()).isEqualTo(8);
        }
    }
}
