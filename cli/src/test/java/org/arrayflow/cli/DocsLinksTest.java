package org.arrayflow.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What README.md and docs/*.md point at exists: every relative markdown link; every repository path in a
 * code block or code span ({@code arch-configs/x.yaml}, {@code validation/*.yaml}, ...; a glob must match a
 * file); every {@code --arch}, {@code --workload} and sweep named in a command of a code block (a path or a
 * bundled name); every {@code .md} file named anywhere (beside the doc, from the root or in docs/, never
 * by an absolute path); every test class named in code. Placeholders
 * ({@code <x>}, {@code {N}}, {@code ...}), build outputs ({@code target/}) and absolute paths in commands
 * (scratch files a command block writes first) are not checked.
 */
class DocsLinksTest {
    static final Path ROOT = StructureTest.ROOT;
    /** The repository's folders of content: a path in a doc that starts with one of them is a repository path. */
    static final List<String> FOLDERS = List.of("arch-configs", "workloads", "sweeps", "validation", "docs", "tools",
            "sim-core", "reports", "cli", "bench");
    /** .md files the tool writes (not docs): {@code arrayflow reproduce} writes summary.md. */
    static final Set<String> WRITTEN_MD = Set.of("summary.md");

    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    static final Pattern FENCE = Pattern.compile("(?ms)^```[^\\n]*\\n(.*?)^```");
    /** A code span, which may wrap onto the next line but not across a blank one. */
    static final Pattern SPAN = Pattern.compile("`((?:[^`\\n]|\\n(?![ \\t]*\\n))+)`");
    static final Pattern MD_NAME = Pattern.compile("(?<![\\w/.:-])([\\w./-]*\\w\\.md)\\b");
    static final Pattern TEST_NAME = Pattern.compile("\\b([A-Z]\\w*Test)\\b");

    static final Map<Path, String> DOCS = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        for (Path f : files) {
            DOCS.put(f, Files.readString(f, StandardCharsets.UTF_8));
        }
        for (String folder : FOLDERS) {
            assertThat(ROOT.resolve(folder)).as("FOLDERS names the repository's folders").isDirectory();
        }
    }

    @Test
    void relativeLinksResolve() {
        List<String> broken = new ArrayList<>();
        DOCS.forEach((doc, text) -> {
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue; // a URL or an anchor in the same page
                }
                String file = target.replaceAll("#.*$", "");
                if (!Files.exists(doc.getParent().resolve(file))) {
                    broken.add(where(doc) + ": link " + target);
                }
            }
        });
        assertThat(broken).isEmpty();
    }

    @Test
    void repositoryPathsInCodeExist() throws IOException {
        List<String> missing = new ArrayList<>();
        for (var e : DOCS.entrySet()) {
            for (String code : code(e.getValue())) {
                for (String token : code.split("[\\s\"'=(),;|\\[\\]]+")) {
                    String path = cleanPath(token);
                    if (path != null && !exists(path)) {
                        missing.add(where(e.getKey()) + ": " + path);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void inputsOfCommandsExist() {
        List<String> missing = new ArrayList<>();
        DOCS.forEach((doc, text) -> {
            Matcher f = FENCE.matcher(text);
            while (f.find()) {
                for (String line : f.group(1).replace("\\\n", " ").split("\n")) {
                    if (line.contains("arrayflow")) {
                        for (String bad : missingInputs(line)) {
                            missing.add(where(doc) + ": " + bad + " in: " + line.strip());
                        }
                    }
                }
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void namedMarkdownFilesAndTestsExist() throws IOException {
        Set<String> tests = testClasses();
        List<String> missing = new ArrayList<>();
        DOCS.forEach((doc, text) -> {
            Matcher md = MD_NAME.matcher(text.replaceAll("https?://\\S+", ""));
            while (md.find()) {
                String name = md.group(1);
                if (name.startsWith("/")) {
                    // exists on the machine it was written on, perhaps, but not in the repository
                    missing.add(where(doc) + ": absolute path " + name);
                    continue;
                }
                // beside the doc, from the root, or a doc by its name alone ("docs/: architecture.md, ...")
                boolean found = Files.exists(doc.getParent().resolve(name)) || Files.exists(ROOT.resolve(name))
                        || Files.exists(ROOT.resolve("docs").resolve(name)) || WRITTEN_MD.contains(name);
                if (!found) {
                    missing.add(where(doc) + ": " + name);
                }
            }
            for (String code : code(text)) {
                Matcher t = TEST_NAME.matcher(code);
                while (t.find()) {
                    if (!tests.contains(t.group(1))) {
                        missing.add(where(doc) + ": test class " + t.group(1));
                    }
                }
            }
        });
        assertThat(missing).isEmpty();
    }

    /** The checker itself: what it takes as a path, and what it leaves alone. */
    @Test
    void tokensTakenAsRepositoryPaths() {
        assertThat(cleanPath("arch-configs/tpu-v1.yaml:12:1:")).isEqualTo("arch-configs/tpu-v1.yaml");
        assertThat(cleanPath("validation/*.yaml,")).isEqualTo("validation/*.yaml");
        assertThat(cleanPath("out/resnet50")).isNull();
        assertThat(cleanPath("bench/target/benchmarks.jar")).isNull();
        assertThat(cleanPath("sim-core/src/main/resources/arrayflow/schema/arch-<type>.schema.json")).isNull();
        assertThat(cleanPath("energy_per_op_batch{N}.png")).isNull();
        assertThat(missingInputs("./arrayflow run --arch tpu-v1 --workload tpu/mlp0 tpu/mlp1 --out out/x")).isEmpty();
        assertThat(missingInputs("arrayflow run --arch google.cfg --workload alexnet.csv"))
                .containsExactly("--arch google.cfg", "--workload alexnet.csv");
        assertThat(missingInputs("./arrayflow sweep sweeps/tpu-array-size.yaml --out o")).isEmpty();
        assertThat(missingInputs("./arrayflow sweep nonexistent-sweep --out o")).containsExactly("sweep nonexistent-sweep");
    }

    /** Code blocks and code spans (outside code blocks) of a doc. */
    static List<String> code(String text) {
        List<String> out = new ArrayList<>();
        Matcher f = FENCE.matcher(text);
        while (f.find()) {
            out.add(f.group(1));
        }
        Matcher s = SPAN.matcher(FENCE.matcher(text).replaceAll(""));
        while (s.find()) {
            out.add(s.group(1));
        }
        return out;
    }

    /** A token as a repository path to check, or null when it is none (or a placeholder, or a build output). */
    static String cleanPath(String token) {
        String t = token.replaceAll("(:\\d+)+:?$", "").replaceAll("[.,:;]+$", "");
        int slash = t.indexOf('/');
        if (slash < 0 || !FOLDERS.contains(t.substring(0, slash))) {
            return null;
        }
        if (t.matches(".*[<>{}$…].*") || t.contains("...") || t.contains("/target/")) {
            return null;
        }
        return t;
    }

    static boolean exists(String path) throws IOException {
        if (!path.contains("*")) {
            return Files.exists(ROOT.resolve(path));
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + path);
        Path start = ROOT.resolve(path.substring(0, path.lastIndexOf('/', path.indexOf('*')) + 1));
        if (!Files.isDirectory(start)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(start)) {
            return s.anyMatch(p -> glob.matches(ROOT.relativize(p)));
        }
    }

    /** The {@code --arch}, {@code --workload} and sweep inputs of one command line that name nothing. */
    static List<String> missingInputs(String line) {
        List<String> bad = new ArrayList<>();
        String[] t = line.strip().split("\\s+");
        for (int i = 0; i < t.length; i++) {
            String folder = switch (t[i]) {
                case "--arch" -> "arch-configs";
                case "--workload" -> "workloads";
                case "sweep" -> "sweeps";
                default -> null;
            };
            // --workload takes several workloads in roofline; the others one
            for (int j = i + 1; folder != null && j < t.length && !t[j].startsWith("-"); j++) {
                String v = t[j];
                boolean checkable = !v.startsWith("/") && !v.matches(".*[<>{}$\"].*");
                if (checkable && !Files.exists(ROOT.resolve(v)) && !Files.exists(ROOT.resolve(folder).resolve(v + ".yaml"))) {
                    bad.add(t[i] + " " + v);
                }
                if (!t[i].equals("--workload")) {
                    break;
                }
            }
        }
        return bad;
    }

    /** Simple names of every test class of every module. */
    static Set<String> testClasses() throws IOException {
        Set<String> names = new java.util.TreeSet<>();
        for (Path f : StructureTest.files("test")) {
            names.add(f.getFileName().toString().replace(".java", ""));
        }
        return names;
    }

    private static String where(Path doc) {
        return ROOT.relativize(doc).toString();
    }
}
