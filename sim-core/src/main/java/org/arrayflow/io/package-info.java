/**
 * How Arrayflow writes files: {@link OutputFiles} replaces each output file atomically and never writes
 * through a symbolic link inside an output folder; {@link OutputLock} keeps two processes out of one folder;
 * {@link Csv} writes cells that are safe to open in a spreadsheet and reads them back; {@link Units} holds the
 * units and number form every output file uses.
 *
 * <p>Depends on: nothing in Arrayflow.
 */
package org.arrayflow.io;
