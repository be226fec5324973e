package org.arrayflow.pipeline;

import org.arrayflow.transform.Transform;

import java.util.List;
import java.util.Map;

/**
 * What to run, as every command and the validation runner state it: an architecture and a workload (each a
 * bundled name or a path: YAML, or a SCALE-Sim configuration {@code .cfg} and topology {@code .csv}), the batch,
 * and named options. Options: any architecture kind's ({@code dataflow}, {@code objective}, {@code fuse}, ...),
 * {@code workload_format} (conv | gemm, for a topology), {@code prompt} and {@code generate} (tokens, for an LLM),
 * {@code stall_model} (physical | scalesim, for a SCALE-Sim USER-mode configuration), and for an ONNX model
 * {@code dim} and {@code unsupported}.
 *
 * @param batch      0 keeps the workload's own batch
 * @param where      what errors about the options are reported against (the command line, a case file)
 * @param transforms compression transforms applied to the workload after its file's own ({@code --transform})
 */
public record RunRequest(String arch, String workload, int batch, Map<String, String> options, boolean trace,
                         String where, List<Transform> transforms) {

    public static final String WORKLOAD_FORMAT = "workload_format";
    public static final String STALL_MODEL = "stall_model";
    /** For an LLM workload: the prompt's tokens (its prefill), and the tokens to generate (its decode). */
    public static final String PROMPT = "prompt";
    public static final String GENERATE = "generate";
    /** Symbolic dimensions of an ONNX model's inputs, {@code name=N,name=N}. */
    public static final String DIM = "dim";
    /** What an ONNX op without support does: error (the default) or as-vector. */
    public static final String UNSUPPORTED = "unsupported";

    public RunRequest {
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        transforms = List.copyOf(transforms);
    }

    /** A request with no transforms but the workload file's own. */
    public RunRequest(String arch, String workload, int batch, Map<String, String> options, boolean trace,
                      String where) {
        this(arch, workload, batch, options, trace, where, List.of());
    }

    /** An architecture and a workload with no options, untraced. */
    public static RunRequest of(String arch, String workload, int batch) {
        return new RunRequest(arch, workload, batch, Map.of(), false, "command line");
    }
}
