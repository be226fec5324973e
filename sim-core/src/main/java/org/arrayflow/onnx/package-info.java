/**
 * The ONNX importer: reads a model file's protobuf with protobuf-java's wire-format streams (no generated
 * classes, no copy of ONNX's schema), infers every tensor's shape, folds shape computation on constants,
 * applies the obvious fusions, and builds the network's layers through {@code workload.Layers}.
 *
 * <p>Depends on: config, tensor, workload.
 */
package org.arrayflow.onnx;
