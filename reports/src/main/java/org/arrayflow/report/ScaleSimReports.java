package org.arrayflow.report;

import org.arrayflow.io.Csv;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.scalesim.ScaleSimLayer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * SCALE-Sim v2's three report files, with its column names and order and its number style
 * ({@code "id, v1, v2, …,"}; counts as integers, ratios and start/stop cycles as Python floats), so
 * scripts written for SCALE-Sim read them unchanged.
 */
public final class ScaleSimReports {
    public static final String COMPUTE = "COMPUTE_REPORT.csv";
    public static final String BANDWIDTH = "BANDWIDTH_REPORT.csv";
    public static final String DETAILED = "DETAILED_ACCESS_REPORT.csv";

    static final String COMPUTE_HEADER = "LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %,"
            + " Compute Util %,";
    static final String BANDWIDTH_HEADER = "LayerID, Avg IFMAP SRAM BW, Avg FILTER SRAM BW, Avg OFMAP SRAM BW,"
            + " Avg IFMAP DRAM BW, Avg FILTER DRAM BW, Avg OFMAP DRAM BW,";
    static final String DETAILED_HEADER = "LayerID, SRAM IFMAP Start Cycle, SRAM IFMAP Stop Cycle, SRAM IFMAP Reads,"
            + " SRAM Filter Start Cycle, SRAM Filter Stop Cycle, SRAM Filter Reads, SRAM OFMAP Start Cycle,"
            + " SRAM OFMAP Stop Cycle, SRAM OFMAP Writes, DRAM IFMAP Start Cycle, DRAM IFMAP Stop Cycle,"
            + " DRAM IFMAP Reads, DRAM Filter Start Cycle, DRAM Filter Stop Cycle, DRAM Filter Reads,"
            + " DRAM OFMAP Start Cycle, DRAM OFMAP Stop Cycle, DRAM OFMAP Writes,";

    private ScaleSimReports() {}

    public static void writeAll(Path dir, List<ScaleSimLayer> layers) throws IOException {
        OutputFiles.writeString(dir.resolve(COMPUTE), compute(layers));
        OutputFiles.writeString(dir.resolve(BANDWIDTH), bandwidth(layers));
        OutputFiles.writeString(dir.resolve(DETAILED), detailed(layers));
    }

    public static String compute(List<ScaleSimLayer> layers) {
        StringBuilder sb = new StringBuilder(COMPUTE_HEADER).append('\n');
        for (ScaleSimLayer l : layers) {
            row(sb, l.id(), l.totalCycles(), l.stallCycles(), f(l.overallUtilPct()), f(l.mappingEfficiencyPct()),
                    f(l.computeUtilPct()));
        }
        return sb.toString();
    }

    public static String bandwidth(List<ScaleSimLayer> layers) {
        StringBuilder sb = new StringBuilder(BANDWIDTH_HEADER).append('\n');
        for (ScaleSimLayer l : layers) {
            row(sb, l.id(), f(l.sramBandwidth(l.sramIfmapReads())), f(l.sramBandwidth(l.sramFilterReads())),
                    f(l.sramBandwidth(l.sramOfmapWrites())), f(l.dramIfmap().bandwidth(l.dramIfmapReads())),
                    f(l.dramFilter().bandwidth(l.dramFilterReads())), f(l.dramOfmap().bandwidth(l.dramOfmapWrites())));
        }
        return sb.toString();
    }

    public static String detailed(List<ScaleSimLayer> layers) {
        StringBuilder sb = new StringBuilder(DETAILED_HEADER).append('\n');
        for (ScaleSimLayer l : layers) {
            row(sb, l.id(), f(l.sramIfmap().start()), f(l.sramIfmap().stop()), l.sramIfmapReads(),
                    f(l.sramFilter().start()), f(l.sramFilter().stop()), l.sramFilterReads(),
                    f(l.sramOfmap().start()), f(l.sramOfmap().stop()), l.sramOfmapWrites(),
                    f(l.dramIfmap().start()), f(l.dramIfmap().stop()), l.dramIfmapReads(),
                    f(l.dramFilter().start()), f(l.dramFilter().stop()), l.dramFilterReads(),
                    f(l.dramOfmap().start()), f(l.dramOfmap().stop()), l.dramOfmapWrites());
        }
        return sb.toString();
    }

    private static String f(double v) {
        return PyFloat.repr(v);
    }

    private static void row(StringBuilder sb, Object... values) {
        for (int i = 0; i < values.length; i++) {
            // the first value is the layer's name: the user's text, made spreadsheet-safe
            sb.append(i == 0 ? Csv.field(String.valueOf(values[0])) : " " + values[i]).append(',');
        }
        sb.append('\n');
    }
}
