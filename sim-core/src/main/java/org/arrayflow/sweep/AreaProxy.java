package org.arrayflow.sweep;

import org.arrayflow.arch.Architecture;

/**
 * A first-order area proxy, for ranking design points only (not a floorplan):
 * {@code PEs x 419 um^2 + SRAM bytes x 8 x 0.346 um^2}, in mm^2, 45 nm.
 * <ul>
 *   <li>One PE = an 8-bit multiplier (282 um^2) plus a 32-bit adder (137 um^2): Horowitz, "Computing's
 *       Energy Problem", ISSCC 2014, 45 nm (the area column of its table). Registers and wiring are left out.</li>
 *   <li>One SRAM bit = a 45 nm 6T bit cell of 0.346 um^2 (Intel 45 nm, Mistry et al., IEDM 2007).
 *       Bit cells only: decoders, sense amplifiers and wiring are left out, so SRAM area is a lower bound.</li>
 * </ul>
 * The same figure is used whatever the word width, so it ranks array size and buffer capacity, nothing finer.
 */
public final class AreaProxy {
    public static final double PE_UM2 = 282 + 137;
    public static final double SRAM_BIT_UM2 = 0.346;

    private AreaProxy() {}

    /** On-chip storage of any kind: SRAM buffers, a global buffer and PE scratchpads, BRAM. */
    public static long sramBytes(Architecture a) {
        return a.onChipBytes();
    }

    public static double mm2(Architecture a) {
        return (a.peCount() * PE_UM2 + sramBytes(a) * 8 * SRAM_BIT_UM2) / 1e6;
    }
}
