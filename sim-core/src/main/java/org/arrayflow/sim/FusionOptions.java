package org.arrayflow.sim;

import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.FusionStrategy;
import org.arrayflow.arch.TiledFusionArch;
import org.arrayflow.config.ConfigException;
import org.arrayflow.dataflow.fusion.FuseSpec;

import java.util.List;
import java.util.Map;

/**
 * Applies tiled-fusion run options (from the command line or a validation case's {@code options:} map) to an
 * architecture: {@code fuse} (ranges such as {@code conv1_1..conv3_1}, comma-separated, or {@code auto};
 * {@code none} turns fusion off), {@code strategy} (recompute | reuse | block), {@code tile} (output-tile
 * size of each group's last layer, {@code N} or {@code NxM}), {@code per_layer_tiling} (true/false) and
 * {@code budget_kib} (on-chip budget).
 */
public final class FusionOptions {
    private FusionOptions() {}

    public static Architecture apply(Architecture arch, Map<String, String> options, String where) {
        if (options.isEmpty()) {
            return arch;
        }
        if (!(arch instanceof TiledFusionArch t)) {
            throw ConfigException.of(where, "fusion and tiling options need a tiled-fusion architecture, not "
                    + arch.kind());
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            String v = e.getValue().trim();
            switch (e.getKey()) {
                case "fuse":
                    t = t.withFusion(t.fusion().withGroups("none".equals(v) ? List.of() : FuseSpec.split(v)));
                    break;
                case "strategy":
                    FusionStrategy s = FusionStrategy.fromLabel(v);
                    if (s == null) {
                        throw ConfigException.of(where, "strategy must be recompute, reuse or block, not '" + v + "'");
                    }
                    t = t.withFusion(t.fusion().withStrategy(s));
                    break;
                case "tile":
                    int[] tile = parseTile(v, where);
                    t = t.withFusion(t.fusion().withTile(tile[0], tile[1]));
                    break;
                case "per_layer_tiling":
                    t = t.withPerLayerTiling(Boolean.parseBoolean(v));
                    break;
                case "budget_kib":
                    t = t.withOnChipBytes(Math.round(parseDouble(v, where) * 1024));
                    break;
                default:
                    throw ConfigException.of(where, "unknown option '" + e.getKey()
                            + "' (fuse, strategy, tile, per_layer_tiling, budget_kib)");
            }
        }
        return t;
    }

    static int[] parseTile(String v, String where) {
        String[] p = v.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            int r = Integer.parseInt(p[0].trim());
            int c = p.length > 1 ? Integer.parseInt(p[1].trim()) : r;
            if (r < 1 || c < 1 || p.length > 2) {
                throw new NumberFormatException();
            }
            return new int[] {r, c};
        } catch (NumberFormatException e) {
            throw ConfigException.of(where, "tile must be N or NxM with positive integers, not '" + v + "'");
        }
    }

    private static double parseDouble(String v, String where) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw ConfigException.of(where, "expected a number, not '" + v + "'");
        }
    }
}
