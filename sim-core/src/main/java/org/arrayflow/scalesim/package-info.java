/**
 * SCALE-Sim compatibility: its configuration ({@code .cfg}) as a systolic architecture, its topologies ({@code
 * .csv}) through the layer factory, its report conventions as an adjustment step ({@link ScaleSimTiming}), and
 * an emulation of its USER-mode memory stalls.
 *
 * <p>Depends on: arch, config, dataflow, engine, kind.systolic, result, sim, tensor, workload.
 */
package org.arrayflow.scalesim;
