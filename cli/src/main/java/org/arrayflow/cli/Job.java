package org.arrayflow.cli;

import org.arrayflow.config.ConfigException;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.pipeline.RunOutput;
import org.arrayflow.pipeline.RunRequest;
import org.arrayflow.report.ArchFacts;
import org.arrayflow.report.ReportRun;
import org.arrayflow.report.ResultJson;
import org.arrayflow.transform.Transform;
import org.arrayflow.workload.WorkloadLoader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One (architecture, workload) pair of a comparison: run through the pipeline, with the inputs recorded. */
final class Job {
    private Job() {}

    /**
     * A {@code --batch} option as the run request takes it (0: the workload's own), read as a long so that a value
     * past the int range is this one-line error, not a parse failure with the usage.
     */
    static ReportRun run(String arch, String workload, int batch, List<Transform> transforms,
                         Map<String, String> requestOptions) {
        RunOutput out = Pipeline.run(new RunRequest(arch, workload, batch, requestOptions, false,
                CliErrors.COMMAND_LINE, transforms));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("batch", out.result().batch());
        options.putAll(requestOptions);
        if (!transforms.isEmpty()) {
            options.put("transforms", TransformOptions.texts(transforms));
        }
        ResultJson.Inputs inputs = new ResultJson.Inputs(arch, out.inputs().archText(), workload,
                out.inputs().workloadText(), options);
        return new ReportRun(ReportRun.label(out.arch().name(), out.result().workload()), out.result(),
                ArchFacts.of(out.arch(), out.result()), inputs);
    }
}
