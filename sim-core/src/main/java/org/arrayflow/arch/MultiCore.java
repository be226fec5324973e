package org.arrayflow.arch;

import org.arrayflow.tensor.ComputeModes;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Sparsity;

/**
 * A chip of several identical cores, and several such chips: the kind's own record for one core ({@link #core()}),
 * how the cores share the chip, and the chips' links. Everything a planner needs is the core's, so a kind plans a
 * core's share of a layer without knowing there are others (the simulator splits layers and composes the cores'
 * programs); the facts of the whole system (PEs and so the peak, on-chip bytes, DRAM bandwidth) are the core's
 * times the cores (private DRAM links add up, a shared one does not) times the chips.
 */
public record MultiCore(Architecture core, Cores cores, Chips chips) implements Architecture {
    public MultiCore {
        if (core instanceof MultiCore) {
            throw new IllegalArgumentException("a core cannot itself be multi-core");
        }
        if (!cores.multi() && !chips.multi()) {
            throw new IllegalArgumentException("a multi-core chip has at least 2 cores, or 2 chips");
        }
    }

    /** The architecture as read: multi-core (or multi-chip) when the entries ask for more than one, else the core. */
    public static Architecture of(Architecture core, Cores cores, Chips chips) {
        return cores.multi() || chips.multi() ? new MultiCore(core, cores, chips) : core;
    }

    @Override public String name() { return core.name(); }
    @Override public String source() { return core.source(); }
    @Override public double clockMhz() { return core.clockMhz(); }
    @Override public long peCount() { return core.peCount() * cores.count() * chips.count(); }
    @Override public Dram dram() { return core.dram(); }
    @Override public String energySource() { return core.energySource(); }
    @Override public Precision precision() { return core.precision(); }
    @Override public Sparsity sparsity() { return core.sparsity(); }
    @Override public ComputeModes computeModes() { return core.computeModes(); }
    @Override public HardwareLimits limits() { return core.limits(); }
    @Override public String kind() { return core.kind(); }

    @Override
    public double sustainedDramBytesPerCycle() {
        return core.sustainedDramBytesPerCycle() * (cores.sharedDram() ? 1 : cores.count()) * chips.count();
    }

    @Override
    public double sustainedDramGBps() {
        return core.sustainedDramGBps() * (cores.sharedDram() ? 1 : cores.count()) * chips.count();
    }

    @Override
    public long onChipBytes() {
        long shared = cores.sharedLevel() == null ? 0 : cores.sharedLevel().bytes();
        return (core.onChipBytes() * cores.count() + shared) * chips.count();
    }
}
