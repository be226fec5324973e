package org.arrayflow.pipeline;

import org.arrayflow.config.Bundled;
import org.arrayflow.config.ConfigException;
import org.arrayflow.llm.LlmNetworks;
import org.arrayflow.llm.LlmReader;
import org.arrayflow.llm.LlmSpec;
import org.arrayflow.onnx.OnnxImport;
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
 * ({@code .csv}, conv or GEMM rows), an ONNX model ({@code .onnx}, imported with its symbolic dimensions
 * set by {@link OnnxImport.Options}), Arrayflow's workload YAML, or an LLM file ({@code arrayflow-llm/1}, read as
 * its prefill; its phases are {@code llm.LlmPhases}'). The one place a new format (an importer)
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
        return read(nameOrPath, batch, format, more, OnnxImport.Options.DEFAULT, 0).changes();
    }

    /**
     * A workload read: its changes (as read, as transformed), the text a result records as its input (the file's
     * text, or for an ONNX model a description of what was imported and how), and lines for the console (an
     * import's fusions and warnings; none for YAML and topologies).
     */
    public record Loaded(Changes changes, String text, List<String> notes) {}

    /**
     * {@link #transformed}, with the ONNX import's options and an LLM's prompt tokens (0: the file's), and what to
     * record and show.
     */
    public static Loaded read(String nameOrPath, int batch, Topology.Format format, List<Transform> more,
                              OnnxImport.Options onnx, int prompt) {
        if (isOnnx(nameOrPath)) {
            OnnxImport.Result r = OnnxImport.read(Bundled.asPath(nameOrPath), nameOrPath, batch, onnx);
            return new Loaded(Transforms.apply(r.network(), more), r.summary(), r.notes());
        }
        Bundled.Source src = Bundled.resolve(Bundled.WORKLOAD, nameOrPath);
        return new Loaded(transformed(nameOrPath, src.displayName(), src.text(), batch, format, more, prompt),
                src.text(), List.of());
    }

    /** Whether a workload is an ONNX model file (by its extension). */
    public static boolean isOnnx(String nameOrPath) {
        return OnnxImport.isOnnxFile(nameOrPath);
    }

    /**
     * The ONNX import's options as a run request states them: {@code dim} ({@code name=N,name=N}) and
     * {@code unsupported} ({@code error} or {@code as-vector}); errors are reported against {@code where}.
     */
    public static OnnxImport.Options onnxOptions(String dims, String unsupported, String where) {
        java.util.Map<String, Long> values = new java.util.LinkedHashMap<>();
        if (dims != null && !dims.isBlank()) {
            for (String item : dims.split(",")) {
                int eq = item.indexOf('=');
                String key = eq < 0 ? item.trim() : item.substring(0, eq).trim();
                long v;
                try {
                    v = eq < 0 ? 0 : Long.parseLong(item.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    v = 0;
                }
                if (key.isEmpty() || v < 1 || v > Integer.MAX_VALUE) {
                    throw ConfigException.of(where, "option dim: '" + item.trim() + "' must be NAME=N with N from 1 to "
                            + Integer.MAX_VALUE + " (a symbolic dimension of an ONNX model's inputs)");
                }
                values.put(key, v);
            }
        }
        boolean asVector = "as-vector".equals(unsupported);
        if (unsupported != null && !asVector && !"error".equals(unsupported)) {
            throw ConfigException.of(where, "option unsupported must be error or as-vector, not '" + unsupported + "'");
        }
        return new OnnxImport.Options(values, asVector);
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
        if (Topology.isTopologyFile(nameOrPath) || isOnnx(nameOrPath)) {
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
