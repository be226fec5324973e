package org.arrayflow.report;

import org.arrayflow.scalesim.ScaleSimLayer;
import org.arrayflow.scalesim.ScaleSimLayer.Span;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScaleSimReportsTest {
    private static final ScaleSimLayer ROW = new ScaleSimLayer(0, "Conv1", 112283, 0, 91.68309650614964, 94.53125,
            90.78000992063485, new Span(33, 112176), 3294225, new Span(1, 109197), 34848, new Span(63, 112283),
            3484800, new Span(-3243, 111824), 1805023, new Span(-3275, 102937), 34848, new Span(1102, 112935), 3484831);

    @Test
    void computeReportHasScaleSimHeaderAndRowStyle() {
        // Header and row as in SCALE-Sim v2's test/golden_trace/COMPUTE_REPORT.csv.
        assertThat(ScaleSimReports.compute(List.of(ROW))).isEqualTo(
                "LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,\n"
                        + "0, 112283, 0, 91.68309650614964, 94.53125, 90.78000992063485,\n");
    }

    @Test
    void detailedReportPrintsCyclesAsFloatsAndCountsAsIntegers() {
        String[] lines = ScaleSimReports.detailed(List.of(ROW)).split("\n");
        assertThat(lines[0]).startsWith("LayerID, SRAM IFMAP Start Cycle, SRAM IFMAP Stop Cycle, SRAM IFMAP Reads,")
                .endsWith("DRAM OFMAP Start Cycle, DRAM OFMAP Stop Cycle, DRAM OFMAP Writes,");
        assertThat(lines[1]).isEqualTo("0, 33.0, 112176.0, 3294225, 1.0, 109197.0, 34848, 63.0, 112283.0, 3484800, "
                + "-3243.0, 111824.0, 1805023, -3275.0, 102937.0, 34848, 1102.0, 112935.0, 3484831,");
    }

    @Test
    void bandwidthIsCountOverCyclesForSramAndOverSpanForDram() {
        String[] lines = ScaleSimReports.bandwidth(List.of(ROW)).split("\n");
        assertThat(lines[0]).isEqualTo("LayerID, Avg IFMAP SRAM BW, Avg FILTER SRAM BW, Avg OFMAP SRAM BW, "
                + "Avg IFMAP DRAM BW, Avg FILTER DRAM BW, Avg OFMAP DRAM BW,");
        String[] f = lines[1].split(", ");
        assertThat(Double.parseDouble(f[1])).isEqualTo(3294225.0 / 112283);
        // DRAM: count / (stop - start + 1) = 1805023 / (111824 + 3243 + 1).
        assertThat(Double.parseDouble(f[4])).isEqualTo(1805023.0 / 115068);
    }
}
