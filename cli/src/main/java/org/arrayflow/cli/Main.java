package org.arrayflow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;

/** The {@code arrayflow} command. Exit status: 0 success, 1 failed check or internal error, 2 bad input. */
@Command(name = "arrayflow", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Cycle-approximate simulator of deep-learning accelerators.",
        subcommands = {RunCommand.class, CompareCommand.class, ListCommand.class, CheckCommand.class,
                ValidateCommand.class, RooflineCommand.class, FusionCommand.class, SweepCommand.class,
                SweepMergeCommand.class, ReproduceCommand.class, ServeCommand.class, CompletionCommand.class,
                SchemaCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int BAD_INPUT = 2;
    /** What {@code --version} prints, on every command (each names it in its {@code @Command}). */
    static final String VERSION = "arrayflow 0.1.0";

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit status (used by tests in-process). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> CliErrors.execution(ex, cmd, err));
        cl.setParameterExceptionHandler((ex, a) -> CliErrors.parameter(ex, err));
        return cl.execute(args);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // to the writer given to execute(), not System.out, so in-process callers see it
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
