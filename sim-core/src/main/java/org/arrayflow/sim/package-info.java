/**
 * Runs a network on an architecture through its kind's model ({@link Simulator}): the network plan, then each
 * layer or fused group planned, run on the engine and accounted, identical layers simulated once, and an
 * optional adjustment step ({@link ResultAdjustment}).
 *
 * <p>Depends on: arch, dataflow, energy, engine, result, tensor, workload.
 */
package org.arrayflow.sim;
