/**
 * The systolic kind ({@code type: systolic}): TPU-like arrays running weight-, output- or input-stationary
 * folds ({@link FoldGeometry}), operand slices cached per buffer and streamed when too large, vector passes for
 * pooling and element-wise layers, and activations kept in a unified buffer between layers. Its plug-in is
 * {@link SystolicKind}.
 *
 * <p>Depends on: arch, config, dataflow, energy, engine, tensor, workload.
 */
package org.arrayflow.kind.systolic;
