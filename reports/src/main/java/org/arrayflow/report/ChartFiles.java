package org.arrayflow.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a chart as PNG and SVG side by side ({@code name.png}, {@code name.svg}), byte-identical across runs. */
public final class ChartFiles {
    private ChartFiles() {}

    public static void write(JFreeChart chart, Path dir, String name, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(dir.resolve(name + ".png").toFile(), chart, width, height);
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        // The default prefix of clip-path ids is taken from System.nanoTime(): fix it so reruns are byte-identical.
        g.setDefsKeyPrefix(name + "-");
        chart.draw(g, new Rectangle(0, 0, width, height));
        Files.writeString(dir.resolve(name + ".svg"), g.getSVGDocument(), StandardCharsets.UTF_8);
    }
}
