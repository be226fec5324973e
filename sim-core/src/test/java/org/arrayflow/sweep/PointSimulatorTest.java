package org.arrayflow.sweep;

import org.arrayflow.arch.ArchKind;
import org.arrayflow.arch.ArchKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Points that differ only in energies share a simulation, and the re-priced results equal fresh ones. */
class PointSimulatorTest {
    private static final SweepRunner.Listener SILENT = new SweepRunner.Listener() {
        @Override
        public void start(int toRun, int alreadyDone) {}

        @Override
        public void finished(DesignPoint p, String line) {}
    };

    private static final String SWEEP = String.join("\n",
            "format: arrayflow-sweep/1",
            "name: energy-axes",
            "arch: systolic-32x32",
            "workloads: [tiny.yaml]",
            "grid:",
            "  pe_array.rows: [4, 8]",
            "  dataflow: [weight-stationary, output-stationary]",
            "  energy.mac_pj: [0.3, 1.1]",
            "  energy.leakage_pj_per_cycle: [0, 5]",
            "  memory.ifmap_sram.read_energy_pj: [1.5, 3]",
            "  memory.dram.energy_pj_per_byte: [100, 160]",
            "");

    @Test
    void energyAxesAreRecognised() {
        Sweep s = SweepLoader.parse("e.yaml", SWEEP, SweepLoaderTest.DIR);
        ArchKind<?> kind = ArchKinds.of(s.baseArchitecture());
        List<Boolean> energy = s.axes().stream().map(a -> kind.energyOnly(a.path())).toList();
        assertThat(energy).containsExactly(false, false, true, true, true, true);
    }

    @Test
    void repricedResultsEqualFreshSimulations(@TempDir Path dir) throws IOException {
        Sweep s = SweepLoader.parse("e.yaml", SWEEP, SweepLoaderTest.DIR);
        assertThat(s.points()).hasSize(64);
        SweepRunner.run(s, dir.resolve("fresh"), 1, 1, 2, SILENT, false);
        SweepRunner.run(s, dir.resolve("reused"), 1, 1, 2, SILENT, true);
        List<String> fresh = sortedLines(dir.resolve("fresh").resolve(PointsCsv.FILE));
        List<String> reused = sortedLines(dir.resolve("reused").resolve(PointsCsv.FILE));
        assertThat(reused).isEqualTo(fresh);
        // the energy axes do change the energy: 4 timing groups (rows x dataflow) but more distinct energies,
        // while each group's latency is one value
        Set<String> energies = new HashSet<>();
        Set<String> latencies = new HashSet<>();
        List<String> header = PointsCsv.header(s.axisKeys());
        for (String l : fresh.subList(0, fresh.size() - 1)) { // the header sorts last ('i' after digits)
            String[] f = l.split(",");
            energies.add(f[header.indexOf("energy_j")]);
            latencies.add(f[header.indexOf("latency_cycles")] + "/" + f[3] + "/" + f[4]);
        }
        assertThat(latencies).hasSize(4);
        assertThat(energies.size()).isGreaterThan(32);
    }

    /** The same on a tiled FPGA engine, whose DRAM energy is priced from the kind's own key. */
    @Test
    void tiledRepricingEqualsFreshSimulations(@TempDir Path dir) throws IOException {
        String sweep = String.join("\n",
                "format: arrayflow-sweep/1",
                "name: tiled-energy-axes",
                "arch: fpga-vc707-zhang15",
                "workloads: [tiny.yaml]",
                "grid:",
                "  compute.dsp_slices: [448, 2240]",
                "  energy.mac_pj: [4.6, 9.2]",
                "  dram.energy_pj_per_byte: [80, 160]",
                "");
        Sweep s = SweepLoader.parse("t.yaml", sweep, SweepLoaderTest.DIR);
        ArchKind<?> kind = ArchKinds.of(s.baseArchitecture());
        assertThat(s.axes().stream().map(a -> kind.energyOnly(a.path())).toList()).containsExactly(false, true, true);
        SweepRunner.run(s, dir.resolve("fresh"), 1, 1, 2, SILENT, false);
        SweepRunner.run(s, dir.resolve("reused"), 1, 1, 2, SILENT, true);
        List<String> fresh = sortedLines(dir.resolve("fresh").resolve(PointsCsv.FILE));
        assertThat(sortedLines(dir.resolve("reused").resolve(PointsCsv.FILE))).isEqualTo(fresh);
        List<String> header = PointsCsv.header(s.axisKeys());
        Set<String> energies = new HashSet<>();
        for (String l : fresh.subList(0, fresh.size() - 1)) {
            energies.add(l.split(",")[header.indexOf("energy_j")]);
        }
        assertThat(energies).hasSize(8);
    }

    private static List<String> sortedLines(Path f) throws IOException {
        List<String> l = new ArrayList<>(Files.readAllLines(f));
        l.sort(null);
        return l;
    }
}
