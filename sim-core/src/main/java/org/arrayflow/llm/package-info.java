/**
 * LLM inference workloads: a decoder-only transformer from its hyperparameters ({@link LlmConfig}, read from an
 * {@code arrayflow-llm/1} file by {@link LlmReader}), built as prefill and decode-step networks with the
 * format-free layer factory ({@link LlmNetworks}), and simulated phase by phase ({@link LlmPhases}), decode summed
 * over its KV lengths with a bounded error ({@link DecodeSampler}).
 *
 * <p>Depends on: arch, config, result, sim, tensor, workload.
 */
package org.arrayflow.llm;
