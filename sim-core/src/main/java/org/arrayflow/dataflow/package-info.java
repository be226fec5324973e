/**
 * What every architecture kind's planner implements and shares: the {@link Planner} interface, the {@link
 * NetworkPlan} its network step returns, layer contexts and groups, planned programs, activation residency
 * between layers ({@link ResidencyPlan}) and {@link MappingException}.
 *
 * <p>Depends on: engine, workload.
 */
package org.arrayflow.dataflow;
