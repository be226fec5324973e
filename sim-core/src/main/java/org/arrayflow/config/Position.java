package org.arrayflow.config;

/**
 * Where a value was written, kept with a setting whose errors can only be found later (a fused group's
 * layer names are checked once the workload is known): the error then still names file, line and key.
 */
public record Position(String file, int line, int column, String keyPath) {
    public ConfigException error(String problem) {
        return new ConfigException(file, line, column, keyPath, problem);
    }
}
