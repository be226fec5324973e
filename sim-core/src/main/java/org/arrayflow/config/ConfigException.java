package org.arrayflow.config;

/**
 * A user-facing input error: names the file, position and key, and says what is wrong.
 * The CLI prints {@link #getMessage()} alone (no stack trace) and exits with status 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_PATH = 80;

    private final String file;
    private final int line;
    private final int column;
    private final String keyPath;
    private final String problem;

    public ConfigException(String file, int line, int column, String keyPath, String problem) {
        super(format(file, line, column, keyPath, problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.keyPath = keyPath;
        this.problem = problem;
    }

    /** An error about a whole file or a name rather than a position in it. */
    public static ConfigException of(String file, String problem) {
        return new ConfigException(file, 0, 0, "", problem);
    }

    private static String format(String file, int line, int column, String keyPath, String problem) {
        StringBuilder sb = new StringBuilder(file == null ? "<input>" : file);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (keyPath != null && !keyPath.isEmpty()) {
            sb.append(shortPath(keyPath)).append(": ");
        }
        return sb.append(problem).toString();
    }

    /**
     * A key path fit for one line: a deeply nested one (a fuzzed file nests thousands of lists) keeps its
     * first key and its last 60 characters; the line and column say exactly where.
     */
    static String shortPath(String keyPath) {
        if (keyPath.length() <= MAX_PATH) {
            return keyPath;
        }
        int cut = keyPath.indexOf('.');
        String head = cut > 0 && cut < 30 ? keyPath.substring(0, cut) : keyPath.substring(0, 10);
        return head + "..." + keyPath.substring(keyPath.length() - 60);
    }

    public String file() { return file; }
    public int line() { return line; }
    public int column() { return column; }
    public String keyPath() { return keyPath; }
    public String problem() { return problem; }
}
