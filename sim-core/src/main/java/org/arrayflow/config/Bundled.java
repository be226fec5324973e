package org.arrayflow.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds input files: a path on disk, or the name of a file bundled in the jar
 * ({@code arch-configs/} and {@code workloads/} are packed under {@code arrayflow/}).
 */
public final class Bundled {
    public static final String ARCH = "arch-configs";
    public static final String WORKLOAD = "workloads";

    private Bundled() {}

    /** The text of a file given by path or by bundled name, with the name to show in errors. */
    public record Source(String displayName, String text) {}

    public static Source resolve(String folder, String nameOrPath) {
        Path p = asPath(nameOrPath);
        if (Files.isRegularFile(p)) {
            return new Source(nameOrPath, readText(p, nameOrPath));
        }
        String name = nameOrPath.endsWith(".yaml") ? nameOrPath.substring(0, nameOrPath.length() - 5) : nameOrPath;
        String resource = "/arrayflow/" + folder + "/" + name + ".yaml";
        try (InputStream in = Bundled.class.getResourceAsStream(resource)) {
            if (in != null) {
                return new Source(folder + "/" + name + ".yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String kind = ARCH.equals(folder) ? "architecture" : WORKLOAD.equals(folder) ? "workload" : "sweep";
        if (Files.isDirectory(p)) {
            throw ConfigException.of(nameOrPath, "is a folder, not " + (ARCH.equals(folder) ? "an " : "a ") + kind
                    + " file (give a file in it, or a bundled name: " + String.join(", ", list(folder)) + ")");
        }
        throw ConfigException.of(nameOrPath, "no such file, and no bundled " + kind + " of that name (bundled: "
                + String.join(", ", list(folder)) + ")");
    }

    /** A name given as a file's path, or a one-line error when it cannot be one (a NUL character in it). */
    public static Path asPath(String nameOrPath) {
        try {
            return Path.of(nameOrPath);
        } catch (InvalidPathException e) {
            throw ConfigException.of(nameOrPath.replace('\0', '?'), "not a valid path: " + e.getReason());
        }
    }

    /**
     * A user's input file as text, refused with a one-line reason when it cannot be one: larger than a
     * document may be (checked before reading it), binary (a NUL byte), or not UTF-8.
     */
    public static String readText(Path file, String displayName) {
        try {
            long size = Files.size(file);
            if (size > 4L * YamlDocument.MAX_CHARACTERS) {
                throw ConfigException.of(displayName, String.format(Locale.ROOT,
                        "the file has %,d bytes; at most %,d characters are read", size, YamlDocument.MAX_CHARACTERS));
            }
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    throw ConfigException.of(displayName, "not a text file (a NUL byte at offset " + i + ")");
                }
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ConfigException.of(displayName, "not a UTF-8 text file");
        } catch (IOException e) {
            throw ConfigException.of(displayName, "cannot read: " + e.getMessage());
        }
    }

    /**
     * One line about a bundled file, read lightly (no YAML parse): its top-level {@code description:}, else
     * the first line of its leading comment, else "" (nothing is made up).
     */
    public static String description(String folder, String name) {
        String text;
        try (InputStream in = Bundled.class.getResourceAsStream("/arrayflow/" + folder + "/" + name + ".yaml")) {
            if (in == null) {
                return "";
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return describe(text);
    }

    /** The one line of {@link #description} from a file's text. */
    public static String describe(String text) {
        String comment = null;
        boolean leading = true;
        for (String line : text.split("\\R", -1)) {
            if (line.startsWith("description:")) {
                String v = scalar(line.substring("description:".length()).trim());
                if (!v.isEmpty()) {
                    return v;
                }
            }
            String t = line.trim();
            if (leading && t.startsWith("#")) {
                if (comment == null && !t.substring(1).isBlank()) {
                    comment = t.substring(1).trim();
                }
            } else if (!t.isEmpty() && !t.equals("---")) {
                leading = false;
            }
        }
        return comment != null ? comment : "";
    }

    /** A one-line YAML scalar without its quotes, or a plain one without a trailing comment. */
    private static String scalar(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
            int end = v.lastIndexOf(v.charAt(0));
            return end > 0 ? v.substring(1, end).trim() : v;
        }
        int hash = v.indexOf(" #");
        return (hash >= 0 ? v.substring(0, hash) : v).trim();
    }

    /** Bundled names in a folder, sorted, without the .yaml suffix (sub-folders as prefixes, e.g. tpu/mlp0). */
    public static List<String> list(String folder) {
        URL url = Bundled.class.getResource("/arrayflow/" + folder + "/");
        List<String> names = new ArrayList<>();
        if (url == null) {
            return names;
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection conn = (JarURLConnection) url.openConnection();
                conn.setUseCaches(false);
                try (JarFile jar = conn.getJarFile()) {
                    String prefix = "arrayflow/" + folder + "/";
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String n = entries.nextElement().getName();
                        if (n.startsWith(prefix) && n.endsWith(".yaml")) {
                            names.add(n.substring(prefix.length(), n.length() - 5));
                        }
                    }
                }
            } else {
                Path dir = Path.of(url.toURI());
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(f -> f.toString().endsWith(".yaml")).forEach(f -> {
                        String rel = dir.relativize(f).toString().replace('\\', '/');
                        names.add(rel.substring(0, rel.length() - 5));
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        names.sort(null);
        return names;
    }
}
