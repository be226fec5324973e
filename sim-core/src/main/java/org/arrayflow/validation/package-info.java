/**
 * Reference cases: a case file names an architecture, a workload and expected figures with their source and
 * tolerance; {@link CaseRunner} runs it through the pipeline and compares every figure.
 *
 * <p>Depends on: arch, config, pipeline, result, scalesim, study.tpu, tensor, transform.
 */
package org.arrayflow.validation;
