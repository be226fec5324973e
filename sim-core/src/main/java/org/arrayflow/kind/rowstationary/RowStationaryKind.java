package org.arrayflow.kind.rowstationary;

import org.arrayflow.arch.ArchKind;
import org.arrayflow.arch.KindModel;
import org.arrayflow.config.ConfigException;
import org.arrayflow.config.Node;
import org.arrayflow.energy.EnergyTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The row-stationary kind ({@code type: row-stationary}): Eyeriss-style PE sets, scratchpads, GLB and NoC. */
public final class RowStationaryKind implements ArchKind<RowStationaryArch> {
    @Override
    public String type() {
        return "row-stationary";
    }

    @Override
    public Class<RowStationaryArch> archClass() {
        return RowStationaryArch.class;
    }

    @Override
    public RowStationaryArch read(Node root) {
        return RowStationaryArchReader.read(root);
    }

    /**
     * Levels as the planner counts them (dram, GLB partitions, noc, spads), every access one word at the
     * architecture's cost for its level. Partial sums are word-wide (the chip keeps 16-bit psums). No buffer
     * keeps activations between layers: the chip writes every ofmap back to DRAM. The mapping search ranks by
     * these energies (with latency, energy or energy x delay), so a result cannot be re-priced with other energy figures.
     */
    @Override
    public KindModel model(RowStationaryArch a) {
        RsPlanner planner = new RsPlanner(a);
        RsLevels lv = planner.rsLevels();
        List<EnergyTable.LevelCost> levels = new ArrayList<>();
        for (int l = 0; l < lv.names().size(); l++) {
            double c = lv.costPj(l, a.energy());
            levels.add(new EnergyTable.LevelCost(lv.names().get(l), c, c, a.wordBits(), false));
        }
        EnergyTable table = new EnergyTable(a.energy().macPj(), 0, 0, levels, a.energySource());
        return new KindModel(planner, table, true);
    }

    @Override
    public List<String> options() {
        return List.of("objective", "mappings");
    }

    /**
     * {@code objective}: what the mapping search ranks by (latency, energy or edp); {@code mappings: search}:
     * search every layer, ignoring the mappings the description fixes (to compare the search with them).
     */
    @Override
    public RowStationaryArch withOption(RowStationaryArch arch, String key, String value, String where) {
        if (key.equals("mappings")) {
            if (!value.equals("search")) {
                throw ConfigException.of(where, "option mappings must be search, not '" + value + "'");
            }
            return arch.withMappings(java.util.Map.of());
        }
        if (!value.equals("latency") && !value.equals("energy") && !value.equals("edp")) {
            throw ConfigException.of(where, "option objective must be latency, energy or edp, not '" + value + "'");
        }
        return arch.withObjective(RowStationaryArch.Objective.valueOf(value.toUpperCase(Locale.ROOT)));
    }

    @Override
    public ConfigException misplacedOption(String key, String value, String otherKind, String where) {
        return ConfigException.of(where, "option " + key + " applies to row-stationary architectures only");
    }
}
