package org.arrayflow.pipeline;

import org.arrayflow.config.Bundled;
import org.arrayflow.config.ConfigException;
import org.arrayflow.scalesim.Topology;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;

/**
 * Reads a workload in any format the tool takes, chosen by the file's name: a SCALE-Sim topology
 * ({@code .csv}, conv or GEMM rows) or Arrayflow's workload YAML. The one place a new format (an importer)
 * is added; the pipeline, sweeps and {@code check} all read workloads through it.
 */
public final class Workloads {
    private Workloads() {}

    /** A workload by bundled name or path. {@code batch} 0 keeps the file's; {@code format} null: detect. */
    public static Network load(String nameOrPath, int batch, Topology.Format format) {
        Bundled.Source src = Bundled.resolve(Bundled.WORKLOAD, nameOrPath);
        return parse(nameOrPath, src.displayName(), src.text(), batch, format);
    }

    /** A workload's text, read as the format {@code name} says; errors name {@code displayName}. */
    public static Network parse(String name, String displayName, String text, int batch, Topology.Format format) {
        if (Topology.isTopologyFile(name)) {
            return Topology.parse(displayName, text, format);
        }
        return WorkloadLoader.parse(displayName, text, batch);
    }

    /** Whether a topology's row format may be given for this workload. */
    public static boolean takesTopologyFormat(String nameOrPath) {
        return Topology.isTopologyFile(nameOrPath);
    }

    /** The topology row format an option names (conv, gemm), or null for none. */
    static Topology.Format topologyFormat(String format, String where) {
        if (format == null) {
            return null;
        }
        switch (format) {
            case "gemm": return Topology.Format.GEMM;
            case "conv": return Topology.Format.CONV;
            default:
                throw ConfigException.of(where, "option workload_format must be conv or gemm, not '" + format + "'");
        }
    }
}
