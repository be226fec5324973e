/**
 * What an architecture is to the rest of the code ({@link Architecture}, {@link Dram}) and how kinds plug in:
 * {@link ArchKind} (one per kind, in the kind's package), the {@link ArchKinds} registry (META-INF/services),
 * the {@link KindModel} a kind gives the simulator, {@link ArchLoader} and {@link RunOptions}. It knows no
 * kind, and nothing outside a kind's package tests for one.
 *
 * <p>Depends on: config, dataflow, energy, tensor, workload.
 */
package org.arrayflow.arch;
