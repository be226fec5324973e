package org.arrayflow.cli;

import org.arrayflow.transform.Transform;
import org.arrayflow.transform.TransformSyntax;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --transform} option of {@code run}, {@code compare}, {@code sweep} and {@code check}: compression
 * transforms applied to every workload, in the order given, after the workload file's own {@code transforms:}.
 * A mistake in one is an option error ({@code arrayflow run: --transform 'x': ...}).
 */
final class TransformOptions {
    static final String LABEL = "KIND:SETTINGS";
    static final String HELP = "Compression transform applied to the workload before simulation, after its file's "
            + "transforms: (repeatable, in order): prune:PATTERN=DENSITY,... (a fraction or N:M, e.g. "
            + "prune:fc*=0.1), quantize:TENSOR=DATATYPE,...[,layers=PATTERN] (e.g. quantize:weight=int8,ifmap=int8), "
            + "low_rank:PATTERN=RANK,... (a rank, a fraction of the largest, or RINxROUT for a conv, e.g. "
            + "low_rank:fc6=500). Accuracy is not simulated; see docs/compression.md.";

    private TransformOptions() {}

    /** The options' values as transforms (none for null). */
    static List<Transform> parse(List<String> values) {
        List<Transform> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                out.add(TransformSyntax.parse(v, CliErrors.COMMAND_LINE));
            }
        }
        return out;
    }

    /** The transforms as written back, for a result's recorded options. */
    static List<String> texts(List<Transform> transforms) {
        return transforms.stream().map(Transform::text).toList();
    }
}
