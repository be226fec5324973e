/**
 * The TPU design study ({@code arrayflow reproduce tpu-whatif}): Jouppi et al.'s section 7 what-ifs (memory
 * bandwidth, clock, accumulators and matrix-unit size from 0.25x to 4x, and the revised TPU') on the six stand-in
 * applications, with their weighted and geometric mean speed-ups.
 *
 * <p>Depends on: arch, config, kind.systolic, pipeline, tensor, workload.
 */
package org.arrayflow.study.tpu;
