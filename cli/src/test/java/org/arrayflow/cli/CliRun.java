package org.arrayflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One command line run in-process through {@link Main#execute}: its exit status and what it printed. */
record CliRun(int status, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(status, out.toString(), err.toString());
    }

    /** {@code run} of a workload file on systolic-32x32 without charts, into {@code out}, with more options. */
    static CliRun runOn32x32(Path workload, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--arch", "systolic-32x32", "--workload",
                workload.toString(), "--out", out.toString(), "--no-charts"));
        args.addAll(List.of(extra));
        return of(args.toArray(String[]::new));
    }

    /** Exit 2, exactly one line on stderr starting with {@code head}, with each of {@code words}, no trace. */
    void assertOneLine(String head, String... words) {
        assertThat(status).as(err).isEqualTo(Main.BAD_INPUT);
        assertThat(err.lines().toList()).as(err).hasSize(1);
        assertThat(err).startsWith(head).doesNotContain("Exception").doesNotContain("\tat ");
        for (String w : words) {
            assertThat(err).contains(w);
        }
    }
}
