package org.arrayflow.arch;

import org.arrayflow.config.ConfigException;
import org.arrayflow.config.Node;

import java.util.List;

/**
 * One architecture kind as a plug-in, kept in the kind's own package: the {@code type:} its YAML files name,
 * their schema and reader, the run options it takes, and the model the simulator runs it with. Kinds are
 * found by {@link ArchKinds}; nothing outside a kind's package needs to know which kinds exist.
 *
 * @param <A> the kind's architecture record
 */
public interface ArchKind<A extends Architecture> {
    /** The name written after {@code type:} in an architecture file. */
    String type();

    /** The record this kind reads a file into. */
    Class<A> archClass();

    /** The JSON Schema (resource {@code arrayflow/schema/<name>.schema.json}) that files of this kind follow. */
    default String schema() {
        return "arch-" + type();
    }

    /** The semantic reading of a schema-checked file; errors name the file position of the key concerned. */
    A read(Node root);

    /** What the simulator needs of one architecture of this kind: its planner and energy table. */
    KindModel model(A arch);

    /** Run options this kind takes (command line or a validation case's {@code options:}), in display order. */
    default List<String> options() {
        return List.of();
    }

    /** {@code arch} with one of {@link #options()} applied; a bad value is an input error reported at {@code where}. */
    default A withOption(A arch, String key, String value, String where) {
        throw ConfigException.of(where, "unknown option '" + key + "'");
    }

    /** The error for one of this kind's options given to an architecture of another kind. */
    default ConfigException misplacedOption(String key, String value, String otherKind, String where) {
        return ConfigException.of(where, "option " + key + " applies to " + type() + " architectures only");
    }

    /** The error for options that no kind takes, given to an architecture of this kind. */
    default ConfigException unknownOptions(List<String> keys, String where) {
        return ConfigException.of(where, "unknown option(s) " + keys + " for a " + type() + " architecture");
    }

    /**
     * Whether a value at this key path of the YAML (e.g. {@code [energy, mac_pj]}) changes only what events
     * cost, not what moves or when: sweep points that differ only there can share one simulation, re-priced.
     */
    default boolean energyOnly(List<String> keyPath) {
        return !keyPath.isEmpty() && keyPath.get(0).equals("energy");
    }
}
