package org.arrayflow.config;

/**
 * A user-facing input error: names the file, position and key, and says what is wrong.
 * The CLI prints {@link #getMessage()} alone (no stack trace) and exits with status 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

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
            sb.append(keyPath).append(": ");
        }
        return sb.append(problem).toString();
    }

    public String file() { return file; }
    public int line() { return line; }
    public int column() { return column; }
    public String keyPath() { return keyPath; }
    public String problem() { return problem; }
}
