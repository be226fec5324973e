package org.arrayflow.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python client (tools/python) against a real {@code arrayflow serve} on this build's classes, with the
 * system's python3: its own unittest suite (runs, layers, compare, sweep, bad input while serving on).
 */
class PythonClientTest {
    @Test
    void theClientsTestsPass() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> serve = List.of(java, "-Djava.awt.headless=true", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "serve");
        ProcessBuilder pb = new ProcessBuilder("python3", "-m", "unittest", "-v", "test_arrayflow_client")
                .directory(Path.of("..", "tools", "python").toFile()).redirectErrorStream(true);
        pb.environment().put("ARRAYFLOW_CMD", serve.stream().map(PythonClientTest::shellQuote)
                .collect(Collectors.joining(" ")));
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("Ran 6 tests").contains("OK");
    }

    /** One argument quoted for Python's shlex.split (POSIX rules). */
    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
