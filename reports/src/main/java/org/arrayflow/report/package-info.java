/**
 * Reports: pure functions from results to files (layers.csv, result.json, summary.csv, charts, report.html,
 * traces, the SCALE-Sim reports, the studies' tables, and what compression transforms changed). No model logic:
 * every figure comes from a result, or from the transforms' changes.
 *
 * <p>Depends on: arch, engine, fusion, io, llm, result, scalesim, study.compression, study.fusion, study.isca16,
 * study.tpu, sweep,
 * tensor, transform, validation.
 */
package org.arrayflow.report;
