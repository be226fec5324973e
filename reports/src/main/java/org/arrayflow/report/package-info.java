/**
 * Reports: pure functions from results to files (layers.csv, result.json, summary.csv, charts, report.html,
 * traces, the SCALE-Sim reports and the studies' tables). No model logic: every figure comes from a result.
 *
 * <p>Depends on: arch, engine, fusion, io, result, scalesim, study.fusion, study.isca16, sweep, validation.
 */
package org.arrayflow.report;
