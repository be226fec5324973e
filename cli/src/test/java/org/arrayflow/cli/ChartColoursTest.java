package org.arrayflow.cli;

import org.arrayflow.config.Bundled;
import org.arrayflow.report.Palette;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every energy component (memory level) of every bundled architecture gets a colour of its own in the charts,
 * far from every other's, and the same one whichever architectures a report compares: ofmap_sram and
 * weight_fifo were two near purples, and weight_fifo, spad_ifmap one pink in the same legend.
 */
class ChartColoursTest {
    @TempDir
    Path tmp;

    @Test
    void everyLevelOfEveryBundledArchitectureHasItsOwnColour() throws Exception {
        Set<String> all = new LinkedHashSet<>();
        List<List<String>> perArch = new ArrayList<>();
        for (String arch : Bundled.list(Bundled.ARCH)) {
            List<String> components = components(arch);
            assertThat(components).as(arch).contains("mac", "dram");
            perArch.add(components);
            all.addAll(components);
        }
        Map<String, Color> colours = Palette.components(List.copyOf(all));
        List<String> names = List.copyOf(colours.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                assertThat(Palette.difference(colours.get(names.get(i)), colours.get(names.get(j))))
                        .as(names.get(i) + " vs " + names.get(j)).isGreaterThanOrEqualTo(20);
            }
        }
        for (List<String> one : perArch) {
            Map<String, Color> alone = Palette.components(one);
            for (String c : one) {
                assertThat(alone.get(c)).as(c + " alone and in the union").isEqualTo(colours.get(c));
            }
        }
    }

    /** The energy components of a short run of the architecture, from the energy_*_j columns of layers.csv. */
    private List<String> components(String arch) throws Exception {
        // a fused architecture names the layers it fuses: it runs the workload it was made for; an architecture with
        // hardware limits (k210) runs the workload made to fit them
        for (String workload : List.of("alexnet", "vgg19", "tiny-yolo-qvga")) {
            Path out = tmp.resolve(arch + "-" + workload);
            int status = Main.execute(new String[] {"run", "--arch", arch, "--workload", workload, "--no-charts",
                    "--out", out.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            if (status == 0) {
                List<String> components = new ArrayList<>();
                for (String col : Files.readAllLines(out.resolve("layers.csv")).get(0).split(",")) {
                    if (col.startsWith("energy_") && col.endsWith("_j") && !col.equals("energy_j")) {
                        components.add(col.substring("energy_".length(), col.length() - "_j".length()));
                    }
                }
                return components;
            }
        }
        throw new AssertionError(arch + " runs none of alexnet, vgg19 and tiny-yolo-qvga");
    }
}
