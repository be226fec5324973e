package org.arrayflow.kind.systolic;

import org.arrayflow.arch.ArchKind;
import org.arrayflow.arch.KindModel;
import org.arrayflow.config.ConfigException;
import org.arrayflow.config.Node;
import org.arrayflow.energy.EnergyTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The systolic kind ({@code type: systolic}): TPU-like arrays with weight-, output- or input-stationary folds. */
public final class SystolicKind implements ArchKind<SystolicArch> {
    /** Keys under {@code memory.<level>} that only set what an access costs. */
    private static final Set<String> ENERGY_LEAVES = Set.of("read_energy_pj", "write_energy_pj", "energy_pj_per_byte");

    @Override
    public String type() {
        return "systolic";
    }

    @Override
    public Class<SystolicArch> archClass() {
        return SystolicArch.class;
    }

    @Override
    public SystolicArch read(Node root) {
        return SystolicArchReader.read(root);
    }

    /** Levels {@code dram} (per byte) and the SRAMs in file order (per word of the buffer's width). */
    @Override
    public KindModel model(SystolicArch s) {
        List<EnergyTable.LevelCost> levels = new ArrayList<>();
        levels.add(new EnergyTable.LevelCost("dram", s.dram().energyPjPerByte(), s.dram().energyPjPerByte(), 8, true));
        for (Buffer b : s.buffers()) {
            levels.add(new EnergyTable.LevelCost(b.name(), b.readEnergyPj(), b.writeEnergyPj(), b.wordBits(), false));
        }
        EnergyTable table = new EnergyTable(s.macEnergyPj(), s.vectorOpEnergyPj(), s.leakagePjPerCycle(), levels,
                s.energySource());
        return new KindModel(new SystolicPlanner(s), table, false);
    }

    @Override
    public List<String> options() {
        return List.of("dataflow");
    }

    /** {@code dataflow}: os, ws or is (or the YAML names). */
    @Override
    public SystolicArch withOption(SystolicArch arch, String key, String value, String where) {
        SystolicDataflow d = SystolicDataflow.fromName(value);
        if (d == null) {
            throw misplacedOption(key, value, type(), where);
        }
        return arch.withDataflow(d);
    }

    @Override
    public ConfigException misplacedOption(String key, String value, String otherKind, String where) {
        return ConfigException.of(where, "option dataflow: '" + value + "' needs a systolic architecture and one of os, "
                + "ws, is");
    }

    @Override
    public boolean energyOnly(List<String> p) {
        return ArchKind.super.energyOnly(p) || p.get(0).equals("memory") && p.size() == 3 && ENERGY_LEAVES.contains(p.get(2));
    }
}
