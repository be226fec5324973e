package org.arrayflow.report;

import org.arrayflow.result.Activity;
import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult.LayerInfo;
import org.arrayflow.result.LayerResult.Timing;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Reports read only the generic result records, so a hand-built result of any kind (here a made-up
 * row-stationary machine) gives a full report. Expected figures are worked out below from the inputs.
 */
class GenericKindReportTest {
    // 4 PEs at 100 MHz, 0.4 GB/s DRAM
    static final ArchFacts ARCH = new ArchFacts("toy", "row-stationary", 4, 100, 0.4, "made-up table <v1>");

    static final Precision WORDS = Precision.of(Datatype.word(8), Datatype.word(8));

    static NetworkResult result() {
        // conv: 800 MACs in 400 cycles (300 compute + 100 stall); DRAM 100 B ifmap + 300 B weight;
        // energy 800 MACs x 0.5 pJ + 400 B x 10 pJ + 50 glb reads x 2 pJ = 400 + 4000 + 100 = 4500 pJ
        LayerResult conv = new LayerResult(new LayerInfo(0, "conv<1>", "conv2d", "3x3", 800, 36),
                new Timing(400, 300, 100, 800.0 / (4 * 400)), List.of(new Traffic("dram", "ifmap", 100, 0, 0, 0, 100), new Traffic("dram", "weight", 300, 0, 0, 0, 300),
                        new Traffic("glb", "ifmap", 50, 0, 100, 0, 50)),
                List.of(EnergyItem.of("mac", "8-bit MAC", 800, 0.5), EnergyItem.of("dram", "read bytes", 400, 10),
                        EnergyItem.of("glb", "ifmap reads", 50, 2)),
                new Activity(800, 0, WORDS), Map.of("rows", "3"), Map.of("array", 300L, "dram", 40L), null);
        // pool: no MACs, 100 cycles, 10 vector ops x 0.1 pJ = 1 pJ, no traffic
        LayerResult pool = new LayerResult(new LayerInfo(1, "pool", "maxpool", "2x2", 0, 0), new Timing(100, 100, 0, 0),
                List.of(), List.of(EnergyItem.of("vector", "max", 10, 0.1)), new Activity(0, 10, WORDS), Map.of(),
                Map.of("vector", 100L), null);
        return new NetworkResult("toy", "row-stationary", "toy.yaml", "tiny", "tiny.yaml", 1, 100, 4,
                List.of(conv, pool));
    }

    static ReportRun run() {
        return new ReportRun(ReportRun.label("toy", "tiny"), result(), ARCH,
                new ResultJson.Inputs("toy.yaml", "name: toy", "tiny.yaml", "name: tiny", Map.of("batch", 1)));
    }

    @Test
    void metricsFollowFromTheRecords() {
        RunMetrics m = RunMetrics.of(result());
        assertThat(m.macs()).isEqualTo(800);
        assertThat(m.totalCycles()).isEqualTo(500);
        assertThat(m.latencyS()).isCloseTo(5e-6, within(1e-15));            // 500 cycles / 100 MHz
        assertThat(m.energyJ()).isCloseTo(4501e-12, within(1e-18));         // 4500 + 1 pJ
        assertThat(m.edpJs()).isCloseTo(4501e-12 * 5e-6, within(1e-24));
        assertThat(m.dramBytes()).isEqualTo(400);
        assertThat(m.pjPerMac()).isCloseTo(4501.0 / 800, within(1e-12));
        assertThat(m.utilization()).isCloseTo(800.0 / (4 * 500), within(1e-12));
        assertThat(m.gmacsPerS()).isCloseTo(800 / 5e-6 / 1e9, within(1e-12)); // 0.16
        assertThat(ARCH.peakGmacs()).isCloseTo(0.4, within(1e-12));         // 4 PEs x 100 MHz
        assertThat(ARCH.ridgeMacsPerByte()).isCloseTo(1.0, within(1e-12));  // 0.4 GMAC/s / 0.4 GB/s
    }

    @Test
    void fullReportForAnyKind(@TempDir Path out) throws Exception {
        ReportWriter.write(out, List.of(run()), true);
        for (String chart : List.of("cycles_per_layer", "energy_per_layer", "dram_traffic_per_layer",
                "utilization_per_layer", "energy_by_component", "roofline")) {
            assertThat(out.resolve(chart + ".png")).exists();
            assertThat(Files.readString(out.resolve(chart + ".svg"))).startsWith("<?xml").contains("<svg");
        }
        String html = Files.readString(out.resolve("report.html"));
        // provenance: count x unit = energy, with the table's source (escaped)
        assertThat(html).contains("made-up table &lt;v1&gt;")
                .contains("<td>mac</td><td>8-bit MAC</td><td class=\"n\" data-v=\"800\">800</td>"
                        + "<td class=\"n\" data-v=\"0.5\">0.5</td><td class=\"n\" data-v=\"0.0004\">0.000</td>")
                .contains("<td>conv&lt;1&gt;</td>").doesNotContain("conv<1>");
        // roofline: the pool layer (no MACs, no DRAM) cannot be placed on log axes and is counted instead
        assertThat(Files.readString(out.resolve("roofline.svg"))).contains("1 layer(s) without MACs")
                .contains("toy roof (0.4 GMAC/s, 0.4 GB/s)");
        String csv = Files.readString(out.resolve("summary.csv"));
        assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("toy__tiny,toy,row-stationary,tiny,1,4,100,0.4,800,500,400,100,0.4,0.000005,"
                        + "0.000000004501,2.2505E-14".replace("2.2505E-14", "0.000000000000022505")
                        + ",400,5.62625,0.16,1,1,1,1,1");
    }

    @Test
    void chartSvgIsDeterministic() {
        Chart c = new Chart("roofline", "r", CompareCharts.roofline(List.of(run()), "Roofline"), 800, 600);
        Chart again = new Chart("roofline", "r", CompareCharts.roofline(List.of(run()), "Roofline"), 800, 600);
        assertThat(ChartFiles.svg(c)).isEqualTo(ChartFiles.svg(again)).startsWith("<svg id='roofline'");
    }
}
