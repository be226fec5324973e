/**
 * The arrayflow command (picocli): each command parses its options into a run request or a study's inputs,
 * calls the pipeline or the study, and hands the results to the reports. No model logic.
 *
 * <p>Depends on: anything.
 */
package org.arrayflow.cli;
