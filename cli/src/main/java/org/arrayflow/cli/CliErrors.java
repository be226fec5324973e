package org.arrayflow.cli;

import org.arrayflow.config.ConfigException;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.io.OutputRefusedException;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the command line prints when it stops on a mistake: one line on standard error, never a usage dump
 * or a stack trace.
 * <ul>
 *   <li>a mistake in the command line: {@code arrayflow run: --batch must be at least 1, found 0 (see
 *       'arrayflow run --help')}, with "did you mean" for a mistyped command or option; exit 2;</li>
 *   <li>a bad input file: {@code file:line:col: key.path: problem} as the reader wrote it; exit 2;</li>
 *   <li>a layer that cannot be mapped, an output place the file system refuses while writing:
 *       {@code arrayflow: error: what}; exit 2;</li>
 *   <li>anything else is a bug: {@code arrayflow: internal error: ...}; exit 1.</li>
 * </ul>
 */
final class CliErrors {
    /** Where a run request made from options says its errors come from (RunRequest's "where"). */
    static final String COMMAND_LINE = "command line";
    private static final Pattern OPTION_KEY = Pattern.compile("\\boption ([a-z][a-z_]*)");
    private static final Pattern UNKNOWN_SUBCOMMAND = Pattern.compile("Unknown subcommand '(.*)'\\.?");

    private CliErrors() {}

    /** Picocli's handler for parse errors and for {@link ParameterException}s thrown by a command. */
    static int parameter(ParameterException ex, PrintWriter err) {
        String name = ex.getCommandLine().getCommandSpec().qualifiedName();
        err.println(name + ": " + describe(ex) + " (see '" + name + " --help')");
        return Main.BAD_INPUT;
    }

    /** Picocli's handler for what a command throws. */
    static int execution(Exception ex, CommandLine cmd, PrintWriter err) {
        String name = cmd.getCommandSpec().qualifiedName();
        if (ex instanceof ConfigException c && COMMAND_LINE.equals(c.file()) && c.line() == 0) {
            // a run option the pipeline refused: an option error like the others
            err.println(name + ": " + flags(c.problem(), cmd.getCommandSpec()) + " (see '" + name + " --help')");
            return Main.BAD_INPUT;
        }
        if (ex instanceof ConfigException) {
            // exactly `file:line:col: key.path: problem`, so editors and CI annotators can jump to it
            err.println(ex.getMessage());
            return Main.BAD_INPUT;
        }
        // failures while running keep the recorded "arrayflow: error: " form (tools/output-digests.tsv holds
        // the console of runs that stop so)
        if (ex instanceof MappingException || ex instanceof OutputRefusedException) {
            err.println("arrayflow: error: " + ex.getMessage());
            return Main.BAD_INPUT;
        }
        IOException io = ex instanceof IOException e ? e : ex instanceof UncheckedIOException u ? u.getCause() : null;
        if (io != null) {
            // an output place the file system refused after the up-front checks (OutputPaths)
            err.println("arrayflow: error: " + OutputPaths.describe(io));
            return Main.BAD_INPUT;
        }
        err.println("arrayflow: internal error: " + ex);
        return 1;
    }

    private static String describe(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            return unmatched(u);
        }
        List<String> unmatched = ex.getCommandLine().getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            // picocli checks required options before it reports what it did not match: `--worklaod x` is the
            // cause of "missing --workload", so it is what to report
            return unmatched(new UnmatchedArgumentException(ex.getCommandLine(), unmatched));
        }
        if (ex instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
            return missing(m);
        }
        Matcher help = UNKNOWN_SUBCOMMAND.matcher(String.valueOf(ex.getMessage()));
        if (help.matches()) {
            // from `arrayflow help CMD`
            return unknownCommand(help.group(1), ex.getCommandLine().getCommandSpec());
        }
        return sentence(ex.getMessage());
    }

    /** "option stall_model must be ..." as "--stall-model must be ..." where the command has that option. */
    private static String flags(String problem, CommandSpec spec) {
        Matcher m = OPTION_KEY.matcher(problem);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String flag = "--" + m.group(1).replace('_', '-');
            m.appendReplacement(sb, Matcher.quoteReplacement(spec.findOption(flag) != null ? flag : m.group()));
        }
        return m.appendTail(sb).toString();
    }

    private static String unknownCommand(String typed, CommandSpec spec) {
        return "unknown command '" + typed + "'" + Suggestions.didYouMean(typed, spec.subcommands().keySet());
    }

    /** The first argument nobody took: an unknown option or command, with the names close to it. */
    private static String unmatched(UnmatchedArgumentException u) {
        CommandSpec spec = u.getCommandLine().getCommandSpec();
        String arg = u.getUnmatched().get(0);
        if (u.isUnknownOption()) {
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            List<String> names = new ArrayList<>();
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    names.addAll(List.of(o.names()));
                }
            }
            return "unknown option '" + option + "'" + Suggestions.didYouMean(option, names);
        }
        if (!spec.subcommands().isEmpty()) {
            return unknownCommand(arg, spec);
        }
        return "unexpected argument '" + arg + "'";
    }

    /** Required options or arguments not given, or an option given without its value. */
    private static String missing(MissingParameterException m) {
        List<String> options = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        for (ArgSpec a : m.getMissing()) {
            if (a instanceof OptionSpec o) {
                options.add(o.longestName());
            } else {
                arguments.add(((PositionalParamSpec) a).paramLabel());
            }
        }
        if (String.valueOf(m.getMessage()).contains(" for option ") && options.size() == 1) {
            return options.get(0) + " needs a value";
        }
        List<String> parts = new ArrayList<>();
        if (!options.isEmpty()) {
            parts.add((options.size() > 1 ? "options " : "option ") + and(options, "and"));
        }
        if (!arguments.isEmpty()) {
            parts.add((arguments.size() > 1 ? "arguments " : "argument ") + and(arguments, "and"));
        }
        return "missing required " + String.join(" and ", parts);
    }

    /** Picocli's own message as part of the line: one line, lower case first, no full stop. */
    static String sentence(String message) {
        String m = String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
        // picocli names Java's types ("is not an int", "is not a long"): a user reads "whole number"
        m = m.replaceAll("' is not an? (int|long)\\b", "' is not a whole number");
        if (m.endsWith(".")) {
            m = m.substring(0, m.length() - 1);
        }
        if (m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1))) {
            m = m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
        }
        return m;
    }

    /** "a", "a and b", "a, b and c" (with {@code word} for "and"). */
    static String and(List<String> items, String word) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + word + " " + items.get(items.size() - 1);
    }
}
