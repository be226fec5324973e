package org.arrayflow.bench;

import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.Runner;

/**
 * Entry point of {@code bench/target/benchmarks.jar}: JMH's own command line (e.g. {@code -wi 1 -i 3 -f 1}),
 * except that the Eyeriss benchmark is left out while the {@code eyeriss-v1} preset is not bundled.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException, java.io.IOException {
        CommandLineOptions cli = new CommandLineOptions(args);
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
                || cli.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        OptionsBuilder opts = new OptionsBuilder();
        opts.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            opts.include("org\\.arrayflow\\.bench\\..*");
        }
        if (!EyerissBench.available()) {
            System.out.println("note: architecture '" + EyerissBench.ARCH + "' is not bundled; skipping "
                    + EyerissBench.class.getSimpleName());
            opts.exclude(EyerissBench.class.getSimpleName());
        }
        new Runner(opts.build()).run();
    }
}
