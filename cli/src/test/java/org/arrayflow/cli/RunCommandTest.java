package org.arrayflow.cli;

import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main job, in-process: {@code run --arch tpu-v1 --workload resnet50}, twice, into two folders.
 * Checks the files written, the charts' size and content, and that the two runs are byte-identical.
 */
class RunCommandTest {
    @TempDir
    static Path dir;

    static CliRun first;
    static CliRun second;

    @BeforeAll
    static void runTwice() {
        first = CliRun.of("run", "--arch", "tpu-v1", "--workload", "resnet50", "--out", dir.resolve("a").toString());
        second = CliRun.of("run", "--arch", "tpu-v1", "--workload", "resnet50", "--out", dir.resolve("b").toString());
    }

    @Test
    void writesTheResultFolder() throws IOException {
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
        for (String f : List.of("layers.csv", "result.json", "cycles_per_layer.png", "energy_per_layer.png",
                "cycles_per_layer.svg", "energy_per_layer.svg")) {
            assertThat(dir.resolve("a").resolve(f)).isRegularFile();
        }
        int layers = WorkloadLoader.load("resnet50", 0).layers().size();
        // header + one row per layer
        assertThat(Files.readAllLines(dir.resolve("a/layers.csv"))).hasSize(layers + 1);
        assertThat(Files.readString(dir.resolve("a/result.json"))).contains("\"format\" : \"arrayflow-result/1\"")
                .contains("\"macs\" : 4089184256");
        assertThat(first.out()).contains("results written to");
    }

    @Test
    void chartsAreNonBlankAndSizedByLayerCount() throws IOException {
        int layers = WorkloadLoader.load("resnet50", 0).layers().size();
        // ChartStyle.layerChartWidth for one run: clamp(160 + 16 per layer, 1000, 4000); height 620
        int width = Math.max(1000, Math.min(4000, 160 + 16 * layers));
        for (String f : List.of("cycles_per_layer.png", "energy_per_layer.png")) {
            BufferedImage img = ImageIO.read(dir.resolve("a").resolve(f).toFile());
            assertThat(img).as(f).isNotNull();
            assertThat(img.getWidth()).isEqualTo(width);
            assertThat(img.getHeight()).isEqualTo(620);
            Set<Integer> colours = new HashSet<>();
            long nonWhite = 0;
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    int rgb = img.getRGB(x, y) & 0xFFFFFF;
                    colours.add(rgb);
                    if (rgb != 0xFFFFFF) {
                        nonWhite++;
                    }
                }
            }
            // bars, text and axes: many colours, and a real share of the canvas is drawn on
            assertThat(colours.size()).as(f).isGreaterThan(10);
            assertThat(nonWhite).as(f).isGreaterThan((long) img.getWidth() * img.getHeight() / 4 / 50);
        }
    }

    @Test
    void twoRunsAreByteIdentical() throws IOException {
        assertThat(second.status()).isZero();
        for (String f : List.of("layers.csv", "result.json", "cycles_per_layer.png", "energy_per_layer.png",
                "cycles_per_layer.svg", "energy_per_layer.svg")) {
            // compared with Arrays.equals so that a failure names the file instead of dumping megabytes
            boolean same = java.util.Arrays.equals(Files.readAllBytes(dir.resolve("b").resolve(f)),
                    Files.readAllBytes(dir.resolve("a").resolve(f)));
            assertThat(same).as(f + " differs between two runs").isTrue();
        }
        assertThat(second.out().replace("/b", "/a")).isEqualTo(first.out());
    }

    @Test
    void bareCommandPrintsUsageToTheGivenWriter() {
        CliRun r = CliRun.of();
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Usage: arrayflow").contains("run").contains("check").contains("list");
    }

    @Test
    void listNamesTheBundledFiles() {
        CliRun r = CliRun.of("list");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("architectures:", "  tpu-v1", "  systolic-32x32", "workloads:", "  resnet50",
                "  alexnet", "  vgg16", "  vgg19", "  mobilenet-v2", "  bert-base");
    }

    @Test
    void checkAcceptsGoodFiles() throws IOException {
        CliRun a = CliRun.of("check", "tpu-v1");
        assertThat(a.status()).isZero();
        assertThat(a.out()).contains("tpu-v1: ok: systolic architecture 'tpu-v1', 65536 PEs");
        CliRun w = CliRun.of("check", "resnet50");
        assertThat(w.status()).isZero();
        assertThat(w.out()).contains("ok: workload 'resnet50'").contains("4089184256 MACs at batch 1");
        Path f = Files.writeString(dir.resolve("mini.yaml"), """
                format: arrayflow-workload/1
                name: mini
                input: {channels: 3, height: 8, width: 8}
                layers:
                  - {name: a, type: conv2d, filters: 4, kernel: 3}
                """);
        CliRun p = CliRun.of("check", f.toString());
        assertThat(p.status()).isZero();
        // 6x6 outputs x 4 filters x 27 = 3888 MACs
        assertThat(p.out()).contains("1 layer, 3888 MACs");
    }
}
