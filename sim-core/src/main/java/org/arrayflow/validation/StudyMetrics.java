package org.arrayflow.validation;

import org.arrayflow.config.ConfigException;
import org.arrayflow.study.tpu.TpuWhatIf;

import java.util.List;
import java.util.Map;

/**
 * The figures of a validation case that checks a design study ({@code study:} in the case file) rather than one
 * run. {@code tpu-whatif} ({@link TpuWhatIf} on the case's {@code arch}): at a design point (a Figure 11 design such
 * as {@code memory x4} or {@code clock+ x4}, or a TPU' one: {@code gddr5}, {@code clock x1.5},
 * {@code gddr5 + clock x1.5}) the metrics {@code weighted_mean_speedup}, {@code geometric_mean_speedup} and
 * {@code mlp_speedup}, {@code lstm_speedup}, {@code cnn_speedup} (geometric means of a family's two applications);
 * at {@code 600x600 matrix x1} or {@code x2} (LSTM1's matrix on the chip's and a twice as wide matrix unit) the metric
 * {@code latency_us}. Only the designs a case names are simulated.
 */
final class StudyMetrics {
    static final List<String> STUDIES = List.of("tpu-whatif");
    private static final List<String> SPEEDUPS = List.of("weighted_mean_speedup", "geometric_mean_speedup",
            "mlp_speedup", "lstm_speedup", "cnn_speedup");

    private final ValidationCase c;
    private final TpuWhatIf study;
    private final Map<String, TpuWhatIf.Design> designs;
    private final Map<String, TpuWhatIf.Point> points = new java.util.HashMap<>();

    StudyMetrics(ValidationCase c) {
        this.c = c;
        this.study = new TpuWhatIf(c.resolve(c.arch()));
        this.designs = study.designs();
    }

    double value(ValidationCase.Expectation e) {
        String point = e.layerLabel();
        if (point.startsWith("600x600 matrix x")) {
            if (!e.metric().equals("latency_us")) {
                throw error("at '" + point + "' the metric is latency_us, not '" + e.metric() + "'");
            }
            return study.fragmentationMicros(scale(point.substring("600x600 matrix x".length())));
        }
        TpuWhatIf.Design d = designs.get(point);
        if (d == null) {
            throw error("unknown point '" + point + "' (known: " + String.join(", ", designs.keySet())
                    + ", 600x600 matrix x1, 600x600 matrix x2)");
        }
        TpuWhatIf.Point p = points.computeIfAbsent(point, k -> study.run(d));
        return switch (e.metric()) {
            case "weighted_mean_speedup" -> p.weightedMean();
            case "geometric_mean_speedup" -> p.geometricMean();
            case "mlp_speedup" -> p.familyMean("MLP");
            case "lstm_speedup" -> p.familyMean("LSTM");
            case "cnn_speedup" -> p.familyMean("CNN");
            default -> throw error("unknown metric '" + e.metric() + "' at a design point (known: "
                    + String.join(", ", SPEEDUPS) + ")");
        };
    }

    private double scale(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException ex) {
            throw error("'600x600 matrix x" + text + "': the scale must be a number");
        }
    }

    private ConfigException error(String problem) {
        return ConfigException.of(c.file().toString(), "study " + c.study() + ": " + problem);
    }
}
