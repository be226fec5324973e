package org.arrayflow.sim;

import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.RowStationaryArch;
import org.arrayflow.arch.SystolicArch;
import org.arrayflow.arch.SystolicDataflow;
import org.arrayflow.arch.TiledFusionArch;
import org.arrayflow.config.ConfigException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named run options (from a validation case's {@code options:} map or the command line) applied to an
 * architecture, each by the kind it concerns: {@code dataflow} (systolic: os, ws, is), {@code objective}
 * (row-stationary mapping search: energy or edp) and the tiled-fusion options of {@link FusionOptions}.
 * An option that no kind takes is an input error naming it.
 */
public final class RunOptions {
    private RunOptions() {}

    public static Architecture apply(Architecture arch, Map<String, String> options, String where) {
        Map<String, String> rest = new LinkedHashMap<>(options);
        String df = rest.remove("dataflow");
        if (df != null) {
            SystolicDataflow d = SystolicDataflow.fromName(df);
            if (!(arch instanceof SystolicArch s) || d == null) {
                throw ConfigException.of(where, "option dataflow: '" + df
                        + "' needs a systolic architecture and one of os, ws, is");
            }
            arch = s.withDataflow(d);
        }
        String objective = rest.remove("objective");
        if (objective != null) {
            if (!(arch instanceof RowStationaryArch rs)) {
                throw ConfigException.of(where, "option objective applies to row-stationary architectures only");
            }
            if (!objective.equals("energy") && !objective.equals("edp")) {
                throw ConfigException.of(where, "option objective must be energy or edp, not '" + objective + "'");
            }
            arch = rs.withObjective(RowStationaryArch.Objective.valueOf(objective.toUpperCase(java.util.Locale.ROOT)));
        }
        if (rest.isEmpty()) {
            return arch;
        }
        if (arch instanceof TiledFusionArch) {
            return FusionOptions.apply(arch, rest, where);
        }
        throw ConfigException.of(where, "unknown option(s) " + rest.keySet() + " for a " + arch.kind()
                + " architecture");
    }
}
