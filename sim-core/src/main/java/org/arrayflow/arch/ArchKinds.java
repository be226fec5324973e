package org.arrayflow.arch;

import org.arrayflow.config.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry of architecture kinds: those listed in {@code META-INF/services/org.arrayflow.arch.ArchKind}
 * (in file order), then any added with {@link #register}. A new kind is its own package plus one line there.
 */
public final class ArchKinds {
    private static final List<ArchKind<?>> KINDS = new CopyOnWriteArrayList<>(discover());

    private ArchKinds() {}

    @SuppressWarnings("rawtypes")
    private static List<ArchKind<?>> discover() {
        List<ArchKind<?>> out = new ArrayList<>();
        for (ArchKind k : ServiceLoader.load(ArchKind.class, ArchKinds.class.getClassLoader())) {
            out.add(k);
        }
        return out;
    }

    /** Adds a kind (a plug-in outside the bundled ones, or a test's); a second kind of the same type is refused. */
    public static synchronized void register(ArchKind<?> kind) {
        if (byType(kind.type()) != null) {
            if (byType(kind.type()).getClass() == kind.getClass()) {
                return;
            }
            throw new IllegalArgumentException("an architecture kind of type '" + kind.type() + "' is registered already");
        }
        KINDS.add(kind);
    }

    public static List<ArchKind<?>> all() {
        return List.copyOf(KINDS);
    }

    public static List<String> types() {
        return KINDS.stream().map(ArchKind::type).toList();
    }

    /** The kind of that type, or null. */
    public static ArchKind<?> byType(String type) {
        for (ArchKind<?> k : KINDS) {
            if (k.type().equals(type)) {
                return k;
            }
        }
        return null;
    }

    /** The kind an architecture belongs to. */
    public static ArchKind<?> of(Architecture arch) {
        ArchKind<?> k = byType(arch.kind());
        if (k == null) {
            throw new IllegalStateException("architecture kind '" + arch.kind() + "' is not registered");
        }
        return k;
    }

    /** The simulation model of an architecture, from its kind. */
    public static KindModel model(Architecture arch) {
        return modelOf(of(arch), arch);
    }

    private static <A extends Architecture> KindModel modelOf(ArchKind<A> kind, Architecture arch) {
        return kind.model(kind.archClass().cast(arch.core()));
    }

    /**
     * The architecture as the record of one kind, for code that works on that kind only (a kind's own study or
     * command); anything else is an input error reported at {@code where}, starting with {@code what}.
     */
    public static <A extends Architecture> A require(Architecture arch, Class<A> kind, String what, String where) {
        if (arch.cores().multi() || arch.chips().multi()) {
            throw ConfigException.of(where, what + " models one core of one chip; this architecture has "
                    + arch.cores().count() + " core(s) on " + arch.chips().count() + " chip(s) (leave out its cores: "
                    + "and chips: entries)");
        }
        if (kind.isInstance(arch)) {
            return kind.cast(arch);
        }
        String type = KINDS.stream().filter(k -> k.archClass() == kind).map(ArchKind::type).findFirst()
                .orElse(kind.getSimpleName());
        throw ConfigException.of(where, what + " needs a " + type + " architecture, not " + arch.kind());
    }
}
