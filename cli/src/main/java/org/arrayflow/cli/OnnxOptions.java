package org.arrayflow.cli;

import org.arrayflow.onnx.OnnxImport;
import org.arrayflow.pipeline.RunRequest;
import org.arrayflow.pipeline.Workloads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ONNX import options of {@code run}, {@code compare} and {@code check}: {@code --dim NAME=N} (repeatable)
 * sets a symbolic dimension of the model's inputs, {@code --unsupported as-vector} runs ops without support as
 * element-wise work (default: error). They apply to {@code .onnx} workloads only; YAML and topologies ignore them.
 */
final class OnnxOptions {
    static final String DIM_LABEL = "NAME=N";
    static final String DIM_HELP = "For an ONNX workload: the value of a symbolic input dimension (repeatable, e.g. "
            + "--dim batch=1 --dim seq=2048); a symbolic first dimension not given takes --batch.";
    static final String UNSUPPORTED_HELP = "For an ONNX workload: error (default: exit naming the op) or as-vector "
            + "(run ops without support as element-wise work, with a warning per op type).";

    private OnnxOptions() {}

    /** The run request's options for a workload: the ONNX ones for an .onnx file, none otherwise. */
    static Map<String, String> requestOptions(String workload, List<String> dims, String unsupported) {
        Map<String, String> o = new LinkedHashMap<>();
        if (!Workloads.isOnnx(workload)) {
            return o;
        }
        if (dims != null && !dims.isEmpty()) {
            o.put(RunRequest.DIM, String.join(",", dims));
        }
        if (unsupported != null) {
            o.put(RunRequest.UNSUPPORTED, unsupported);
        }
        return o;
    }

    /** The import options themselves (for {@code check}), checked as a run request's are. */
    static OnnxImport.Options parse(List<String> dims, String unsupported) {
        return Workloads.onnxOptions(dims == null ? null : String.join(",", dims), unsupported,
                CliErrors.COMMAND_LINE);
    }
}
