package org.arrayflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command answers {@code --help}, {@code -h} and {@code arrayflow help CMD} with its usage and exit 0,
 * and {@code --version} with the version, whatever its required options. The commands are read from
 * {@link Main}'s own list, so a command added later is covered without editing this test.
 */
class HelpTest {
    /** Every subcommand's name, as registered on the {@code arrayflow} command. */
    static List<String> commands() {
        return new ArrayList<>(new CommandLine(new Main()).getSubcommands().keySet());
    }

    private static void assertUsage(CliRun r, String command) {
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Usage: arrayflow " + command);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everyCommandAnswersHelp(String command) {
        assertUsage(CliRun.of(command, "--help"), command);
        assertUsage(CliRun.of(command, "-h"), command);
        assertUsage(CliRun.of("help", command), command);
        // the same text, whichever way it was asked for
        assertThat(CliRun.of(command, "-h").out()).isEqualTo(CliRun.of("help", command).out());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everyCommandAnswersVersion(String command) {
        if (command.equals("help")) {
            return; // picocli's help command takes a command name, not options of its own beyond -h
        }
        for (String flag : List.of("--version", "-V")) {
            CliRun r = CliRun.of(command, flag);
            assertThat(r.status()).as(command + " " + flag + ": " + r.err()).isZero();
            assertThat(r.out().strip()).isEqualTo(Main.VERSION);
        }
    }

    @Test
    void topLevelHelpAndVersion() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"help"})) {
            CliRun r = CliRun.of(args);
            assertThat(r.status()).isZero();
            assertThat(r.out()).startsWith("Usage: arrayflow").contains("run").contains("help").contains("completion");
        }
        CliRun v = CliRun.of("--version");
        assertThat(v.status()).isZero();
        assertThat(v.out().strip()).isEqualTo(Main.VERSION);
    }

    @Test
    void completionScriptCoversEveryCommandAndOption() {
        CliRun r = CliRun.of("completion");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_arrayflow")
                .contains("'--workload'").contains("'--stall-model'").contains("'--threads'");
        for (String command : commands()) {
            assertThat(r.out()).as(command).contains(command);
        }
    }

    @Test
    void requiredOptionsDoNotStandInTheWayOfHelp() {
        // run and compare require --arch and --workload; asking for help must not ask for them
        CliRun r = CliRun.of("run", "--arch", "tpu-v1", "--help");
        assertUsage(r, "run");
        assertThat(r.out()).contains("--batch").contains("--out");
    }
}
