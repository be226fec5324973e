package org.arrayflow.transform;

import org.arrayflow.config.ConfigException;
import org.arrayflow.config.Node;
import org.arrayflow.config.Position;

/**
 * Where a transform's setting was stated, so that a mistake found only when it meets the network (a rank the
 * layer does not allow, a pattern that matches nothing) is reported there: {@code file:line:col: key: problem}
 * for a file, {@code option transform 'TEXT': problem} against the command line (which the CLI prints as
 * {@code --transform}).
 */
public final class Origin {
    private final Position position;
    private final String where;
    private final String text;

    private Origin(Position position, String where, String text) {
        this.position = position;
        this.where = where;
        this.text = text;
    }

    /** A value in a file. */
    public static Origin of(Node node) {
        return new Origin(node.position(), null, null);
    }

    /** A {@code --transform} value; {@code where} is what the run request reports errors against. */
    public static Origin option(String where, String text) {
        return new Origin(null, where, text);
    }

    public ConfigException error(String problem) {
        if (position != null) {
            return position.error(problem);
        }
        return ConfigException.of(where, "option transform '" + text + "': " + problem);
    }
}
