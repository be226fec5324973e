/**
 * Networks and their layers. A matrix layer's computation is one canonical {@link Problem} (the seven loop
 * dimensions, with stride, padding and dilation), lowered to GEMMs by {@link Gemm}; {@link Layers} builds any
 * layer from plain values, so every input format (the workload YAML read by {@link WorkloadLoader}, SCALE-Sim
 * topologies, an importer) calls the same code.
 *
 * <p>Depends on: config, tensor.
 */
package org.arrayflow.workload;
