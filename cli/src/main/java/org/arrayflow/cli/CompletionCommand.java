package org.arrayflow.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code arrayflow completion}: prints a bash completion script for every command and option (picocli's
 * AutoComplete, made from the same definitions as the help); zsh reads it through bashcompinit.
 */
@Command(name = "completion", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Print a bash/zsh completion script for arrayflow's commands and options: "
                + "arrayflow completion > arrayflow_completion; source arrayflow_completion "
                + "(for the command 'arrayflow' on the PATH, or an alias of that name).")
final class CompletionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(AutoComplete.bash("arrayflow", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
    }
}
