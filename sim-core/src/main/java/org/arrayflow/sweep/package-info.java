/**
 * Design-space sweeps: the sweep file, its axes and constraints, design points built by editing the base
 * architecture's YAML, running them in parallel with resume and shards, re-pricing points that differ only in
 * energy figures, Pareto fronts and the area proxy.
 *
 * <p>Depends on: arch, config, dataflow, energy, io, onnx, pipeline, result, sim, transform, workload.
 */
package org.arrayflow.sweep;
