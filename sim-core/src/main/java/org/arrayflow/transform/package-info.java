/**
 * Compression transforms: rewrites of a {@code workload.Network} applied before simulation, as a workload's
 * {@code transforms:} list ({@link TransformReader}) or the {@code --transform} option ({@link TransformSyntax}),
 * in order, each with the change it made ({@link Changes}: weights, non-zero weights, MACs and weight bytes
 * before and after, per step and layer). {@code prune} states weight densities, {@code quantize} datatypes,
 * {@code low_rank} factorises layers (SVD of a matrix layer into two, Tucker-2 of a convolution into three).
 * Accuracy is not simulated: densities, datatypes and ranks are the user's inputs (docs/compression.md).
 *
 * <p>Depends on: config, tensor, workload.
 */
package org.arrayflow.transform;
