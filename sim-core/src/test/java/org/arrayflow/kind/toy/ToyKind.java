package org.arrayflow.kind.toy;

import org.arrayflow.arch.ArchKind;
import org.arrayflow.arch.Dram;
import org.arrayflow.arch.KindModel;
import org.arrayflow.config.ConfigException;
import org.arrayflow.config.Node;
import org.arrayflow.energy.EnergyTable;

import java.util.List;

/** The plug-in of the toy kind ({@code type: toy}), with one run option, {@code pes}. */
public final class ToyKind implements ArchKind<ToyArch> {
    static final String TYPE = "toy";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<ToyArch> archClass() {
        return ToyArch.class;
    }

    @Override
    public ToyArch read(Node root) {
        Node d = root.get("dram");
        Node e = root.get("energy");
        return new ToyArch(root.text("name"), root.doc().file(), root.doubleValue("clock_mhz"), root.intValue("word_bits"),
                root.intValue("pes"), Math.round(root.doubleValue("sram_kib") * 1024),
                new Dram(d.doubleValue("bandwidth_gb_s"), 0, 1, d.doubleValue("energy_pj_per_byte")),
                e.doubleValue("mac_pj"), e.doubleValue("sram_pj"));
    }

    @Override
    public KindModel model(ToyArch a) {
        EnergyTable table = new EnergyTable(a.macPj(), 0, 0, List.of(
                new EnergyTable.LevelCost("dram", a.dram().energyPjPerByte(), a.dram().energyPjPerByte(), 8, true),
                new EnergyTable.LevelCost("sram", a.sramPj(), a.sramPj(), a.wordBits(), false)), a.energySource());
        return new KindModel(new ToyPlanner(a), table, false);
    }

    @Override
    public List<String> options() {
        return List.of("pes");
    }

    @Override
    public ToyArch withOption(ToyArch arch, String key, String value, String where) {
        try {
            return arch.withPes(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw ConfigException.of(where, "option pes must be an integer, not '" + value + "'");
        }
    }
}
