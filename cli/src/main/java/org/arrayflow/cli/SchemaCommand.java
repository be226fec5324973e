package org.arrayflow.cli;

import org.arrayflow.arch.ArchKind;
import org.arrayflow.arch.ArchKinds;
import org.arrayflow.io.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code arrayflow schema KIND}: prints the JSON Schema that files of that kind are checked against (the
 * resource {@code arrayflow/schema/<name>.schema.json}, byte for byte), for editors that complete and check
 * YAML and JSON files from a schema. KIND is {@code arch} (the header every architecture shares), an
 * architecture type ({@code systolic}, {@code row-stationary}, {@code tiled-fusion}, or a plug-in's),
 * {@code workload} or {@code sweep}.
 */
@Command(name = "schema", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Print the JSON Schema of an input format, for editors (VS Code's YAML extension, IntelliJ): "
                + "arrayflow schema systolic > schemas/arch-systolic.json. See docs/formats.md.")
final class SchemaCommand implements java.util.concurrent.Callable<Integer> {
    /** The formats that are not an architecture type, and their schema resources. */
    static final List<String> FORMATS = List.of("arch", "workload", "sweep");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", completionCandidates = Kinds.class,
            description = "One of: ${COMPLETION-CANDIDATES} (arch: the header every architecture file shares; "
                    + "the architecture types: the rest of each kind's file).")
    String kind;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the schema to FILE instead of standard output.")
    Path out;

    /** Every KIND the command takes, in help order. */
    static List<String> kinds() {
        List<String> all = new ArrayList<>();
        all.add("arch");
        all.addAll(ArchKinds.types());
        all.add("workload");
        all.add("sweep");
        return all;
    }

    /** The schema text of a KIND, or null if there is no such KIND. */
    static String text(String kind) throws IOException {
        String resource;
        Class<?> owner;
        if (FORMATS.contains(kind)) {
            resource = kind;
            owner = SchemaCommand.class;
        } else if (ArchKinds.types().contains(kind)) {
            ArchKind<?> k = ArchKinds.byType(kind);
            resource = k.schema();
            owner = k.getClass();
        } else {
            return null;
        }
        try (InputStream in = owner.getResourceAsStream("/arrayflow/schema/" + resource + ".schema.json")) {
            if (in == null) {
                throw new IOException("the schema resource arrayflow/schema/" + resource + ".schema.json is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public Integer call() throws IOException {
        String schema = text(kind);
        if (schema == null) {
            throw new ParameterException(spec.commandLine(), "unknown KIND '" + kind + "' (one of: "
                    + String.join(", ", kinds()) + ")");
        }
        if (!schema.endsWith("\n")) {
            schema += "\n";
        }
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(schema);
            w.flush();
            return 0;
        }
        OutputPaths.checkFile(spec, "--out", out, "arch-systolic.json");
        OutputPaths.createParent(spec, "--out", out);
        OutputFiles.writeString(out, schema);
        return 0;
    }

    /** The KIND values, for completion and the help text. */
    static final class Kinds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return kinds().iterator();
        }
    }
}
