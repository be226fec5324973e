package org.arrayflow.kind.tiled;

import org.arrayflow.arch.ArchKind;
import org.arrayflow.arch.KindModel;
import org.arrayflow.config.ConfigException;
import org.arrayflow.config.Node;
import org.arrayflow.energy.EnergyTable;
import org.arrayflow.fusion.FuseSpec;
import org.arrayflow.fusion.FusionStrategy;

import java.util.List;
import java.util.Locale;

/**
 * The tiled-fusion kind ({@code type: tiled-fusion}): Zhang-style loop-tiled FPGA engines, with fused-layer
 * pyramids. Run options: {@code fuse} (ranges such as {@code conv1_1..conv3_1}, comma-separated, or
 * {@code auto}; {@code none} turns fusion off), {@code strategy} (recompute | reuse | block), {@code tile}
 * (output tile of each group's last layer, {@code N} or {@code NxM}), {@code per_layer_tiling} (true/false) and
 * {@code budget_kib} (on-chip budget).
 */
public final class TiledFusionKind implements ArchKind<TiledFusionArch> {
    private static final List<String> OPTIONS = List.of("fuse", "strategy", "tile", "per_layer_tiling", "budget_kib");

    @Override
    public String type() {
        return "tiled-fusion";
    }

    @Override
    public Class<TiledFusionArch> archClass() {
        return TiledFusionArch.class;
    }

    @Override
    public TiledFusionArch read(Node root) {
        return TiledFusionArchReader.read(root);
    }

    /**
     * DRAM per byte, BRAM per word; partial sums at the word width (fp32 or wide DSP accumulators). The
     * tiling search and the fusion partitioner rank by cycles and bytes, never by energy.
     */
    @Override
    public KindModel model(TiledFusionArch t) {
        List<EnergyTable.LevelCost> levels = List.of(
                new EnergyTable.LevelCost("dram", t.dram().energyPjPerByte(), t.dram().energyPjPerByte(), 8, true),
                new EnergyTable.LevelCost("bram", t.bramReadPj(), t.bramWritePj(), t.wordBits(), false));
        EnergyTable table = new EnergyTable(t.macEnergyPj(), 0, t.leakagePjPerCycle(), levels, t.energySource());
        return new KindModel(new TiledPlanner(t), table, false);
    }

    @Override
    public List<String> options() {
        return OPTIONS;
    }

    @Override
    public TiledFusionArch withOption(TiledFusionArch t, String key, String value, String where) {
        String v = value.trim();
        switch (key) {
            case "fuse":
                return t.withFusion(t.fusion().withGroups("none".equals(v) ? List.of() : FuseSpec.split(v)));
            case "strategy":
                FusionStrategy s = FusionStrategy.fromLabel(v);
                if (s == null) {
                    throw ConfigException.of(where, "strategy must be recompute, reuse or block, not '" + v + "'");
                }
                return t.withFusion(t.fusion().withStrategy(s));
            case "tile":
                int[] tile = parseTile(v, where);
                return t.withFusion(t.fusion().withTile(tile[0], tile[1]));
            case "per_layer_tiling":
                return t.withPerLayerTiling(Boolean.parseBoolean(v));
            case "budget_kib":
                return t.withOnChipBytes(Math.round(parseDouble(v, where) * 1024));
            default:
                throw unknownOptions(List.of(key), where);
        }
    }

    @Override
    public ConfigException misplacedOption(String key, String value, String otherKind, String where) {
        return ConfigException.of(where, "fusion and tiling options need a tiled-fusion architecture, not " + otherKind);
    }

    @Override
    public ConfigException unknownOptions(List<String> keys, String where) {
        return ConfigException.of(where, "unknown option '" + keys.get(0) + "' (" + String.join(", ", OPTIONS) + ")");
    }

    /** Also {@code dram.energy_pj_per_byte}: the DRAM sits at the top level in this kind's files. */
    @Override
    public boolean energyOnly(List<String> p) {
        return ArchKind.super.energyOnly(p) || p.equals(List.of("dram", "energy_pj_per_byte"));
    }

    static int[] parseTile(String v, String where) {
        String[] p = v.toLowerCase(Locale.ROOT).split("x", -1); // "3x" is two parts, the second empty: refused
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
