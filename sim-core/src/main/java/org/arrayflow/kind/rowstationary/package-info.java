/**
 * The row-stationary kind ({@code type: row-stationary}): Eyeriss-style PE sets folded onto the array,
 * scratchpads, a partitioned global buffer, multicast networks, a DRAM link at its own clock, and a mapping
 * search (JSSC 2017 Table III parameters) ranked by energy or energy x delay. Its plug-in is {@link
 * RowStationaryKind}.
 *
 * <p>Depends on: arch, config, dataflow, energy, engine, io, tensor, workload.
 */
package org.arrayflow.kind.rowstationary;
