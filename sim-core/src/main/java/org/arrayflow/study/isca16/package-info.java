/**
 * The Eyeriss ISCA 2016 dataflow comparison, an analytical study beside the simulator: WS, three OS variants,
 * NLR and RS on one array at equal storage area, counted by the paper's rules; its RS column is the
 * row-stationary kind's own mapping search.
 *
 * <p>Depends on: arch, config, dataflow, energy, engine, kind.rowstationary, tensor, workload.
 */
package org.arrayflow.study.isca16;
