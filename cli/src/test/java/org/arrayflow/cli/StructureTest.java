package org.arrayflow.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of docs/architecture.md, read from the sources of every module: packages import each other in
 * no cycle; each imports only what its {@code package-info.java} declares after "Depends on:"; no code outside
 * an architecture kind's package tests for that kind ({@code instanceof} or a cast to its record); no source
 * file is longer than 400 lines. A package's dependencies are the {@code org.arrayflow} classes it names, in
 * imports or in full in its code.
 */
class StructureTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> MODULES = List.of("sim-core", "reports", "cli", "bench");
    static final Pattern NAMED = Pattern.compile("\\borg\\.arrayflow\\.([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
    static final Pattern DECLARED = Pattern.compile("Depends on: (.*?)\\.(\\s|$)");
    static final int MAX_LINES = 400;

    /** Main source files by package (short name, e.g. kind.systolic), each file's text. */
    static final Map<String, Map<Path, String>> SOURCES = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        for (Path file : files("main")) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            SOURCES.computeIfAbsent(packageOf(text), k -> new TreeMap<>()).put(file, text);
        }
    }

    static List<Path> files(String sourceSet) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String m : MODULES) {
            Path dir = ROOT.resolve(m).resolve("src").resolve(sourceSet).resolve("java");
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    static String packageOf(String text) {
        Matcher m = Pattern.compile("(?m)^package org\\.arrayflow\\.([\\w.]+);").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no org.arrayflow package line");
        }
        return m.group(1);
    }

    static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> deps = new TreeMap<>();
        for (var e : SOURCES.entrySet()) {
            Set<String> d = new TreeSet<>();
            for (String text : e.getValue().values()) {
                Matcher m = NAMED.matcher(text);
                while (m.find()) {
                    if (SOURCES.containsKey(m.group(1)) && !m.group(1).equals(e.getKey())) {
                        d.add(m.group(1));
                    }
                }
            }
            deps.put(e.getKey(), d);
        }
        return deps;
    }

    @Test
    void packagesFormNoCycle() {
        Map<String, Set<String>> deps = dependencies();
        List<List<String>> cycles = new Tarjan(deps).cycles();
        assertThat(cycles).as("packages that import each other in a loop").isEmpty();
        assertThat(deps).containsKeys("arch", "kind.systolic", "kind.rowstationary", "kind.tiled", "pipeline", "report");
    }

    @Test
    void eachPackageImportsOnlyWhatItsPackageInfoDeclares() {
        List<String> broken = new ArrayList<>();
        for (var e : dependencies().entrySet()) {
            String info = SOURCES.get(e.getKey()).entrySet().stream()
                    .filter(f -> f.getKey().getFileName().toString().equals("package-info.java"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (info == null) {
                broken.add(e.getKey() + ": no package-info.java");
                continue;
            }
            Matcher m = DECLARED.matcher(info.replaceAll("\\s*\\n\\s*\\*\\s*", " "));
            if (!m.find()) {
                broken.add(e.getKey() + ": package-info.java has no 'Depends on:' line");
                continue;
            }
            String declared = m.group(1).trim();
            if (declared.equals("anything")) {
                continue;
            }
            Set<String> allowed = declared.equals("nothing in Arrayflow") ? Set.of() : Set.of(declared.split(",\\s*"));
            for (String d : e.getValue()) {
                if (!allowed.contains(d)) {
                    broken.add(e.getKey() + " imports " + d + ", which its package-info does not declare");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void noCodeOutsideAKindTestsForIt() {
        Map<String, String> kindRecords = new HashMap<>();
        Pattern record = Pattern.compile("public record (\\w+)\\([^{]*?\\)\\s*implements Architecture\\b", Pattern.DOTALL);
        SOURCES.forEach((pkg, files) -> files.values().forEach(text -> {
            Matcher m = record.matcher(text);
            while (m.find()) {
                kindRecords.put(m.group(1), pkg);
            }
        }));
        assertThat(kindRecords).containsKeys("SystolicArch", "RowStationaryArch", "TiledFusionArch");
        List<String> found = new ArrayList<>();
        kindRecords.forEach((name, home) -> {
            Pattern test = Pattern.compile("instanceof\\s+([\\w.]+\\.)?" + name + "\\b|\\(([\\w.]+\\.)?" + name
                    + "\\)\\s*[\\w(]");
            SOURCES.forEach((pkg, files) -> {
                if (!pkg.equals(home)) {
                    files.forEach((file, text) -> {
                        if (test.matcher(text).find()) {
                            found.add(ROOT.relativize(file) + " tests for " + name);
                        }
                    });
                }
            });
        });
        assertThat(found).as("kind tests outside the kind's package (ask ArchKinds.require instead)").isEmpty();
    }

    @Test
    void noSourceFileIsLongerThan400Lines() throws IOException {
        List<String> long_ = new ArrayList<>();
        List<Path> all = new ArrayList<>(files("main"));
        all.addAll(files("test"));
        for (Path f : all) {
            long lines = Files.readAllLines(f, StandardCharsets.UTF_8).size();
            if (lines > MAX_LINES) {
                long_.add(ROOT.relativize(f) + ": " + lines + " lines");
            }
        }
        assertThat(long_).isEmpty();
    }

    /** Strongly connected components of more than one package. */
    private static final class Tarjan {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final List<String> stack = new ArrayList<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<List<String>> cycles = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        List<List<String>> cycles() {
            for (String v : graph.keySet()) {
                if (!index.containsKey(v)) {
                    visit(v);
                }
            }
            return cycles;
        }

        private void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.add(v);
            onStack.add(v);
            for (String w : graph.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> component = new ArrayList<>();
                String w;
                do {
                    w = stack.remove(stack.size() - 1);
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    cycles.add(component);
                }
            }
        }
    }
}
