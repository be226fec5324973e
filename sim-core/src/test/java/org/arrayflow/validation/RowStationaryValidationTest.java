package org.arrayflow.validation;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.Node;
import org.arrayflow.config.YamlDocument;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every validation case under {@code validation/} whose architecture is row-stationary and checks each
 * expected figure within its tolerance. One dynamic test per case; a failure lists every figure out of band.
 */
class RowStationaryValidationTest {
    static final Path DIR = Path.of("..", "validation");

    @TestFactory
    Stream<DynamicTest> rowStationaryCases() throws IOException {
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(cases::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : cases) {
            Node root = Node.root(YamlDocument.parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8)));
            if (!root.text("format", "").equals("arrayflow-validation/1")) {
                continue; // an architecture or workload file used by a case
            }
            Architecture arch = ArchLoader.load(resolve(p, root.text("arch")));
            if (!arch.kind().equals("row-stationary")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(root.text("name"), () -> check(p, root, arch)));
        }
        assertThat(tests).as("row-stationary validation cases").isNotEmpty();
        return tests.stream();
    }

    /** A file next to the case if there is one, otherwise a bundled name. */
    static String resolve(Path caseFile, String name) {
        Path local = caseFile.getParent().resolve(name);
        return Files.isRegularFile(local) ? local.toString() : name;
    }

    private static void check(Path p, Node root, Architecture arch) {
        Network net = WorkloadLoader.load(resolve(p, root.text("workload")), root.intValue("batch", 0));
        NetworkResult r = Simulator.run(arch, net, SimOptions.DEFAULT);
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (Node e : root.get("expect").items()) {
            String layer = e.text("layer");
            String metric = e.text("metric");
            double want = e.doubleValue("value");
            double tol = e.doubleValue("tolerance_pct");
            double got = Metrics.resolve(r, layer, metric);
            double err = want == 0 ? (got == 0 ? 0 : Double.POSITIVE_INFINITY) : 100 * (got - want) / Math.abs(want);
            String line = String.format(Locale.ROOT, "%-6s %-28s expected %.4g simulated %.4g error %+.1f %% (tolerance %.3g %%)",
                    layer, metric, want, got, err, tol);
            table.append(line).append('\n');
            if (Math.abs(err) > tol + 1e-9) {
                failures.add(line);
            }
        }
        System.out.println("validation " + root.text("name") + ":\n" + table);
        assertThat(failures).as(root.text("name") + " figures outside tolerance").isEmpty();
    }
}
