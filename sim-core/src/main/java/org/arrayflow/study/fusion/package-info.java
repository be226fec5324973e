/**
 * The fused-depth study: traffic and storage of fused groups as they grow layer by layer, for each overlap
 * strategy.
 *
 * <p>Depends on: dataflow, fusion, tensor, workload.
 */
package org.arrayflow.study.fusion;
