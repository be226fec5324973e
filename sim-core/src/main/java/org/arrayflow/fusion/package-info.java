/**
 * Fused-layer pyramids, independent of any kind: which layers fuse ({@link FusionConfig}, {@link FuseSpec}),
 * how a group's regions trace back through its windows ({@link PyramidPlan}) under recompute, reuse or block
 * convolution, the output tile that fits a budget ({@link FusionPlanner}) and the partition of a network into
 * groups ({@link Partitioner}).
 *
 * <p>Depends on: config, dataflow, tensor, workload.
 */
package org.arrayflow.fusion;
