package org.arrayflow.result;

/**
 * Accesses to one memory level for one tensor, in words of that tensor (partial sums at accumulator
 * width). reads/writes are compute-side; fills arrive from, drains leave to, the level below.
 * For DRAM, reads and writes are the transfers to and from the chip.
 */
public record Traffic(String level, String tensor, long reads, long writes, long fills, long drains, long bytes) {}
