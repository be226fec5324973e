package org.arrayflow.report;

import org.jfree.chart.JFreeChart;

/**
 * A chart to write: its file name (without extension), a caption for the HTML report, and its size in pixels.
 */
public record Chart(String name, String caption, JFreeChart chart, int width, int height) {}
