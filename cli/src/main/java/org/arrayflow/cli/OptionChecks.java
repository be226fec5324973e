package org.arrayflow.cli;

import org.arrayflow.workload.WorkloadLoader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks every command applies to its numeric options, with one wording: {@code --batch must be at
 * least 1, found 0}. An option left out means its default (a workload's own batch, all processors); a value
 * given is never silently replaced by the default.
 */
final class OptionChecks {
    private static final Pattern TILE = Pattern.compile("\\s*(\\d+)\\s*(?:[xX]\\s*(\\d+)\\s*)?");

    private OptionChecks() {}

    /** A count that is given or null (left out): at least 1 when given. */
    static void atLeastOne(CommandSpec spec, String option, Integer value) {
        if (value != null && value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, found " + value);
        }
    }

    /** A quantity given or null: a finite number greater than 0 when given. */
    static void positive(CommandSpec spec, String option, Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new ParameterException(spec.commandLine(), option + " must be a number greater than 0, found "
                    + value);
        }
    }

    /** The batch to ask the pipeline for: 0 keeps the workload's own; at most what a layer can count. */
    static int batch(CommandSpec spec, Long batch) {
        if (batch == null) {
            return 0;
        }
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be at least 1, found " + batch);
        }
        if (batch > WorkloadLoader.MAX_BATCH) {
            throw new ParameterException(spec.commandLine(), "--batch must be at most " + WorkloadLoader.MAX_BATCH
                    + ", found " + batch);
        }
        return (int) (long) batch;
    }

    /** Threads for an option left out (null: all processors) or given (checked). */
    static int threads(CommandSpec spec, String option, Integer value) {
        atLeastOne(spec, option, value);
        return value == null ? Runtime.getRuntime().availableProcessors() : value;
    }

    /** A tile {@code N} or {@code NxM} of whole numbers at least 1; anything else ({@code 3x}, {@code 0}) is refused. */
    static void tile(CommandSpec spec, String option, String value) {
        if (value == null) {
            return;
        }
        Matcher m = TILE.matcher(value);
        boolean ok = m.matches() && positiveInt(m.group(1)) && (m.group(2) == null || positiveInt(m.group(2)));
        if (!ok) {
            throw new ParameterException(spec.commandLine(), option + " must be N or NxM with whole numbers of at "
                    + "least 1 (e.g. 4 or 4x8), found '" + value + "'");
        }
    }

    private static boolean positiveInt(String digits) {
        try {
            return Integer.parseInt(digits) >= 1;
        } catch (NumberFormatException e) {
            return false; // more digits than an int holds
        }
    }
}
