/**
 * Pricing: an architecture's per-event costs ({@link EnergyTable}, memory levels by name) and the accounting of
 * engine counters into traffic and energy line items ({@link EnergyAccount}).
 *
 * <p>Depends on: engine, result, tensor.
 */
package org.arrayflow.energy;
