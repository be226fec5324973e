package org.arrayflow.cli;

import org.arrayflow.config.ConfigException;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.report.ValidationTable;
import org.arrayflow.validation.CaseRunner;
import org.arrayflow.validation.ValidationCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code arrayflow validate [dir]}: runs every reference case under a folder, prints expected, simulated,
 * error and pass/fail per figure, writes the same table as CSV, and exits 1 if any figure is out of
 * tolerance or any case cannot run.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Run the validation cases in a folder and compare with the expected figures.")
final class ValidateCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", defaultValue = "validation", description = "Folder of case files (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--csv", defaultValue = "out/validation.csv", description = "Where to write the table (default: ${DEFAULT-VALUE}).")
    Path csv;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OutputPaths.checkFile(spec, "--csv", csv, "validation.csv");
        List<CaseRunner.Row> rows = new ArrayList<>();
        int broken = 0;
        List<Path> cases = CaseRunner.find(dir);
        if (cases.isEmpty()) {
            // "0 cases, 0 passed" with exit 0 would let a wrong folder pass a CI job
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no validation cases found in " + dir
                    + " (a case is a .yaml file with 'format: " + ValidationCase.FORMAT + "'; see validation/README.md)");
        }
        for (Path p : cases) {
            try {
                rows.addAll(CaseRunner.run(ValidationCase.load(p)));
            } catch (ConfigException | MappingException e) {
                err.println("arrayflow: error: " + p + ": " + e.getMessage());
                broken++;
            }
        }
        w.print(ValidationTable.render(rows));
        OutputPaths.createParent(spec, "--csv", csv);
        ValidationTable.writeCsv(csv, rows);
        long failed = rows.stream().filter(r -> !r.pass()).count();
        w.printf(java.util.Locale.ROOT, "%d cases, %d figures: %d passed, %d failed, %d cases could not run; table in %s%n",
                cases.size(), rows.size(), rows.size() - failed, failed, broken, csv);
        return failed == 0 && broken == 0 ? 0 : 1;
    }
}
