package org.arrayflow.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Named run options (from the command line or a validation case's {@code options:} map) applied to an
 * architecture by its kind, in the order given: each option belongs to the kind that lists it in
 * {@link ArchKind#options()}. An option of another kind, or of no kind, is an input error naming it.
 */
public final class RunOptions {
    private RunOptions() {}

    public static Architecture apply(Architecture arch, Map<String, String> options, String where) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            ArchKind<?> owner = owner(e.getKey());
            if (e.getKey().equals(PARTITION)) {
                arch = partition(arch, e.getValue(), where);
            } else if (owner == null) {
                unknown.add(e.getKey());
            } else if (!owner.type().equals(arch.kind())) {
                throw owner.misplacedOption(e.getKey(), e.getValue(), arch.kind(), where);
            } else {
                arch = apply(owner, arch, e.getKey(), e.getValue(), where);
            }
        }
        if (!unknown.isEmpty()) {
            throw ArchKinds.of(arch).unknownOptions(unknown, where);
        }
        return arch;
    }

    private static <A extends Architecture> Architecture apply(ArchKind<A> kind, Architecture arch, String key,
                                                               String value, String where) {
        // an option changes the core; the chip keeps its cores around it
        return MultiCore.of(kind.withOption(kind.archClass().cast(arch.core()), key, value, where), arch.cores(),
                arch.chips());
    }

    /** The option every kind takes that has cores: their partition, overriding the file's {@code cores.partition}. */
    public static final String PARTITION = "partition";

    private static Architecture partition(Architecture arch, String value, String where) {
        Cores.Partition p = Cores.Partition.named(value);
        if (p == null) {
            throw org.arrayflow.config.ConfigException.of(where, "option partition must be one of auto, "
                    + "output_channels, output_pixels, batch, output_tiles, not '" + value + "'");
        }
        if (!arch.cores().multi()) {
            throw org.arrayflow.config.ConfigException.of(where, "option partition applies to architectures with "
                    + "several cores (a cores: entry of count 2 or more); " + arch.name() + " has one");
        }
        return new MultiCore(arch.core(), arch.cores().withPartition(p), arch.chips());
    }

    private static ArchKind<?> owner(String option) {
        for (ArchKind<?> k : ArchKinds.all()) {
            if (k.options().contains(option)) {
                return k;
            }
        }
        return null;
    }
}
