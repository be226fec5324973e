package org.arrayflow.kind.tiled;

/**
 * The accelerator's master ports into the memory system, each {@code bits} wide and clocked with the
 * fabric: on an SoC FPGA the logic reaches DDR only through them, so they cap the link whatever the DDR
 * could deliver (Zynq-7000: AXI_HP ports of 64 bits, 1,200 MB/s each at 150 MHz, UG585 Table 22-4).
 * {@link #NONE} leaves the DRAM alone as the limit.
 *
 * @param count ports the design uses (0: no port limit)
 * @param bits  data width of each port
 */
public record FabricPorts(int count, int bits) {
    public static final FabricPorts NONE = new FabricPorts(0, 0);

    public boolean limits() {
        return count > 0;
    }

    /** Bytes the ports move per fabric cycle, all together (infinite without a port limit). */
    public double bytesPerCycle() {
        return limits() ? count * (bits / 8.0) : Double.POSITIVE_INFINITY;
    }
}
