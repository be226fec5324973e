package org.arrayflow.pipeline;

import org.arrayflow.config.Bundled;
import org.arrayflow.config.ConfigException;
import org.arrayflow.llm.LlmNetworks;
import org.arrayflow.llm.LlmReader;
import org.arrayflow.llm.LlmSpec;
import org.arrayflow.scalesim.Topology;
import org.arrayflow.transform.Changes;
import org.arrayflow.transform.Transform;
import org.arrayflow.transform.TransformReader;
import org.arrayflow.transform.Transforms;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a workload in any format the tool takes, chosen by the file's name: a SCALE-Sim topology
 * ({@code .csv}, conv or GEMM rows), Arrayflow's workload YAML, or an LLM file ({@code arrayflow-llm/1}, read as its
 * prefill; its phases are {@code llm.LlmPhases}'). The one place a new format (an importer)
 * is added; the pipeline, sweeps and {@code check} all read workloads through it. A YAML file's
 * {@code transforms:} are applied here, then any given with the request ({@code --transform}), in that order.
 */
public final class Workloads {
    private Workloads() {}

    /** A workload by bundled name or path. {@code batch} 0 keeps the file's; {@code format} null: detect. */
    public static Network load(String nameOrPath, int batch, Topology.Format format) {
        return transformed(nameOrPath, batch, format, List.of()).after();
    }

    /** A workload's text, read as the format {@code name} says; errors name {@code displayName}. */
    public static Network parse(String name, String displayName, String text, int batch, Topology.Format format) {
        return transformed(name, displayName, text, batch, format, List.of()).after();
    }

    /** {@link #load}, then {@code more} transforms: the network as read, as transformed, and each step's changes. */
    public static Changes transformed(String nameOrPath, int batch, Topology.Format format, List<Transform> more) {
        Bundled.Source src = Bundled.resolve(Bundled.WORKLOAD, nameOrPath);
        return transformed(nameOrPath, src.displayName(), src.text(), batch, format, more);
    }

    /** {@link #parse}, then {@code more} transforms. */
    public static Changes transformed(String name, String displayName, String text, int batch, Topology.Format format,
                                      List<Transform> more) {
        return transformed(name, displayName, text, batch, format, more, 0);
    }

    /** {@link #transformed}; an LLM file is read as the prefill of {@code prompt} tokens (0: the file's). */
    static Changes transformed(String name, String displayName, String text, int batch, Topology.Format format,
                               List<Transform> more, int prompt) {
        Network net;
        List<Transform> steps = new ArrayList<>();
        if (Topology.isTopologyFile(name)) {
            net = Topology.parse(displayName, text, format);
        } else if (LlmReader.isLlm(text)) {
            net = LlmNetworks.prefill(LlmReader.parse(displayName, text).with(prompt, 0, batch), displayName);
        } else {
            WorkloadLoader.Read read = WorkloadLoader.read(displayName, text, batch);
            net = read.network();
            if (read.transforms() != null) {
                steps.addAll(TransformReader.read(read.transforms()));
            }
        }
        steps.addAll(more);
        return Transforms.apply(net, steps);
    }

    /** The LLM a workload file describes, with the prompt, output length and batch given (&gt; 0); null if not one. */
    public static LlmSpec llm(String nameOrPath, int prompt, int generate, int batch) {
        if (Topology.isTopologyFile(nameOrPath)) {
            return null;
        }
        Bundled.Source src = Bundled.resolve(Bundled.WORKLOAD, nameOrPath);
        return LlmReader.isLlm(src.text()) ? LlmReader.parse(src.displayName(), src.text()).with(prompt, generate, batch)
                : null;
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
