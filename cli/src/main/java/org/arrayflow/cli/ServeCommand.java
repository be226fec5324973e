package org.arrayflow.cli;

import picocli.CommandLine.Command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code arrayflow serve}: a long-lived process for notebooks and scripts. Reads one JSON request per line
 * on standard input and writes one JSON reply per line on standard output (see {@link ServeSession} and
 * docs/python.md), until end of input. The JVM, the parsed inputs and the JIT-compiled simulator stay warm
 * between requests, so each run costs what it costs in-process.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, version = Main.VERSION, description = "Answer JSON requests (one per line) on stdin/stdout: run, compare, sweep; "
        + "for the Python client in tools/python (see docs/python.md).")
final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        ServeSession session = new ServeSession();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            out.println(session.answer(line));
            out.flush();
        }
        return 0;
    }
}
