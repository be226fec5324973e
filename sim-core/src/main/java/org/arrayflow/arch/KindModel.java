package org.arrayflow.arch;

import org.arrayflow.dataflow.Planner;
import org.arrayflow.energy.EnergyTable;

/**
 * What the simulator needs of one architecture, made by its kind: the planner of its networks and layers, and
 * the energy table that prices the counted events.
 *
 * @param planningReadsEnergy true if the plan (what moves, when) depends on energy figures, as a mapping search
 *                            by energy does: then a result cannot be re-priced with other energy figures
 */
public record KindModel(Planner<?> planner, EnergyTable energy, boolean planningReadsEnergy) {
}
