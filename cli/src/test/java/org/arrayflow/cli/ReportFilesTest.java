package org.arrayflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files a compare writes: charts that read back as real images, a report that is byte-identical across
 * two runs (parallel simulations included), and summary.csv with its documented columns.
 * Uses AlexNet on the two bundled systolic arrays so it runs in seconds.
 */
class ReportFilesTest {
    @TempDir
    static Path tmp;
    static Path first;
    static Path second;

    @BeforeAll
    static void runTwice() {
        first = tmp.resolve("a");
        second = tmp.resolve("b");
        for (Path out : List.of(first, second)) {
            int status = Main.execute(new String[] {"compare", "--arch", "tpu-v1", "--arch", "systolic-32x32",
                    "--workload", "alexnet", "--jobs", "2", "--out", out.toString()},
                    new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            assertThat(status).isZero();
        }
    }

    @Test
    void reportIsByteIdenticalAcrossRuns() throws Exception {
        assertThat(Files.readAllBytes(first.resolve("report.html")))
                .isEqualTo(Files.readAllBytes(second.resolve("report.html")));
        assertThat(Files.readString(first.resolve("summary.csv"))).isEqualTo(Files.readString(second.resolve("summary.csv")));
        assertThat(Files.readString(first.resolve("report.html"))).doesNotContain("nanoTime").contains("<svg");
    }

    @Test
    void everyChartIsANonBlankImageOfItsSize() throws Exception {
        List<Path> pngs;
        try (Stream<Path> s = Files.walk(first)) {
            pngs = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        // 4 comparison charts + 4 per-layer charts for each of the 2 runs
        assertThat(pngs).hasSize(12);
        for (Path png : pngs) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img).as(png.toString()).isNotNull();
            assertThat(img.getWidth()).as(png.toString()).isGreaterThanOrEqualTo(800);
            assertThat(img.getHeight()).as(png.toString()).isGreaterThanOrEqualTo(500);
            assertThat(Files.exists(Path.of(png.toString().replace(".png", ".svg")))).isTrue();
            long nonWhite = 0;
            long coloured = 0;
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    int rgb = img.getRGB(x, y) & 0xFFFFFF;
                    int r = rgb >> 16, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
                    if (rgb != 0xFFFFFF) {
                        nonWhite++;
                    }
                    if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                        coloured++; // a data mark, not text or a grid line (those are grey)
                    }
                }
            }
            long samples = (long) ((img.getWidth() + 1) / 2) * ((img.getHeight() + 1) / 2);
            assertThat(nonWhite).as(png + " has ink").isGreaterThan(samples / 100);
            assertThat(coloured).as(png + " has coloured data marks").isGreaterThan(50);
        }
    }

    @Test
    void summaryCsvHasTheDocumentedColumnsAndOneRowPerRun() throws Exception {
        List<String> lines = Files.readAllLines(first.resolve("summary.csv"));
        assertThat(lines.get(0)).isEqualTo(String.join(",", org.arrayflow.report.SummaryCsv.COLUMNS));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("tpu-v1__alexnet,tpu-v1,systolic,alexnet,");
        // the first architecture is the reference: its rel_ columns are exactly 1
        assertThat(lines.get(1)).endsWith(",1,1,1,1,1");
        assertThat(Files.exists(first.resolve("runs/systolic-32x32__alexnet/layers.csv"))).isTrue();
    }

    @Test
    void noChartsStillWritesTheReportWithoutImages(@TempDir Path out) throws Exception {
        int status = Main.execute(new String[] {"run", "--arch", "systolic-32x32", "--workload", "alexnet", "--no-charts",
                "--out", out.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(status).isZero();
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("layers.csv", "report.html", "result.json", "summary.csv");
        }
        assertThat(Files.readString(out.resolve("report.html"))).doesNotContain("<svg").contains("--no-charts");
    }

    @Test
    void eachRunShowsItsOwnOptionsAndNumbersStayNumbers(@TempDir Path out) throws Exception {
        // alexnet is batch 1, tpu/cnn0 batch 8: the report used to show the first run's batch=1 for both
        int status = Main.execute(new String[] {"compare", "--arch", "tpu-v1", "--workload", "alexnet", "--workload",
                "tpu/cnn0", "--no-charts", "--jobs", "1", "--out", out.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(status).isZero();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<p>Options per run:</p>")
                .contains("<tr><td>alexnet on tpu-v1</td><td><code>batch=1</code></td></tr>")
                .contains("<tr><td>tpu-cnn0 on tpu-v1</td><td><code>batch=8</code></td></tr>");
        ObjectMapper json = new ObjectMapper();
        JsonNode cnn = json.readTree(out.resolve("runs/tpu-v1__tpu-cnn0/result.json").toFile());
        assertThat(cnn.get("inputs").get("options").get("batch").isInt()).isTrue();
        assertThat(cnn.get("inputs").get("options").get("batch").asInt()).isEqualTo(8);
        assertThat(json.readTree(out.resolve("runs/tpu-v1__alexnet/result.json").toFile())
                .get("inputs").get("options").get("batch").asInt()).isEqualTo(1);
    }
}
