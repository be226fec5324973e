/**
 * The one way commands, validation cases, sweeps and benchmarks simulate: a {@link RunRequest} is resolved into
 * checked {@link Inputs} (YAML or SCALE-Sim files, options applied, the workload's compression transforms
 * applied and their changes kept), then simulated and adjusted into a {@link RunOutput}.
 *
 * <p>Depends on: arch, config, llm, onnx, result, scalesim, sim, transform, workload.
 */
package org.arrayflow.pipeline;
