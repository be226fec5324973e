package org.arrayflow.engine;

/**
 * How a memory level is touched. READ/WRITE are the compute side (array or vector unit);
 * FILL is data arriving from the level below (a write), DRAIN is data leaving to it (a read).
 * For DRAM, READ and WRITE are the transfers to and from the chip.
 */
public enum Access {
    READ, WRITE, FILL, DRAIN
}
