package org.arrayflow.kind.tiled;

import org.arrayflow.engine.Access;
import org.arrayflow.engine.Server;
import org.arrayflow.engine.TileProgram;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;

import java.util.List;

/**
 * The engine program shape shared by the tiled and fused planners: servers {@code engine} (the Tm x Tn
 * MAC array, a UNIT) and {@code dram} (a LINK at the sustained bandwidth); queues {@code compute},
 * {@code load}, {@code store}; capacity-limited BRAM buffers {@code input}, {@code weight}, {@code output};
 * counted levels {@code dram}, {@code bram}. Loads and stores are the only DRAM traffic.
 */
public final class TiledProgram {
    public static final int SRV_ENGINE = 0;
    public static final int SRV_DRAM = 1;
    public static final int Q_COMPUTE = 0;
    public static final int Q_LOAD = 1;
    public static final int Q_STORE = 2;
    public static final int BUF_INPUT = 0;
    public static final int BUF_WEIGHT = 1;
    public static final int BUF_OUTPUT = 2;
    public static final int LEVEL_DRAM = 0;
    public static final int LEVEL_BRAM = 1;
    public static final String DRAM = "dram";
    public static final String BRAM = "bram";
    public static final List<String> LEVELS = List.of(DRAM, BRAM);

    private final TileProgram program;
    private long dramBytes;

    /** Capacities in bytes of the input, weight and output buffers. */
    public TiledProgram(TiledFusionArch arch, long inputBytes, long weightBytes, long outputBytes) {
        List<Server> servers = List.of(Server.unit("engine"),
                Server.link("dram", arch.sustainedDramBytesPerCycle(), arch.dram().latencyCycles(), 1));
        program = new TileProgram(servers, List.of("compute", "load", "store"), List.of("input", "weight", "output"),
                new long[] {Math.max(1, inputBytes), Math.max(1, weightBytes), Math.max(1, outputBytes)}, LEVELS,
                Tensor.values().length);
    }

    public TileProgram program() {
        return program;
    }

    public long dramBytes() {
        return dramBytes;
    }

    /**
     * A DRAM-to-BRAM transfer of {@code words} elements of a tensor at its datatype in {@code p} (as each level
     * stores it: compressed where the architecture says so, kept weights with their indexes where the array skips
     * zeros); takes buffer space (unless
     * {@code buffer} &lt; 0) from its start.
     */
    public int load(Precision p, Tensor t, int buffer, long words) {
        long bytes = p.bytesAt(DRAM, t, words);
        int id = program.add(Q_LOAD, SRV_DRAM, bytes, 0, 0);
        if (buffer >= 0) {
            program.allocates(id, buffer, p.bytesAt(BRAM, t, words));
        }
        program.counts(id, LEVEL_DRAM, t.ordinal(), Access.READ, words);
        program.counts(id, LEVEL_BRAM, t.ordinal(), Access.FILL, words);
        dramBytes += bytes;
        return id;
    }

    /**
     * A BRAM-to-DRAM transfer after {@code after} (bytes as each level stores them); frees {@code freeWords} of
     * {@code buffer} when done.
     */
    public int store(Precision p, Tensor t, long words, int after, int buffer, long freeWords) {
        long bytes = p.bytesAt(DRAM, t, words);
        int id = program.add(Q_STORE, SRV_DRAM, bytes, 0, 0);
        program.dependsOn(id, after);
        program.counts(id, LEVEL_DRAM, t.ordinal(), Access.WRITE, words);
        program.counts(id, LEVEL_BRAM, t.ordinal(), Access.DRAIN, words);
        if (buffer >= 0) {
            program.frees(id, buffer, p.bytesAt(BRAM, t, freeWords));
        }
        dramBytes += bytes;
        return id;
    }

    /**
     * A compute task on the Tm x Tn engine. BRAM accesses: one weight word per MAC; one input word per
     * {@code tmUsed} MACs (an input is broadcast to the Tm output lanes); one partial-sum read and write per
     * {@code tnUsed} MACs (the Tn products meet in an adder tree first).
     */
    public int compute(long cycles, long macs, int tmUsed, int tnUsed) {
        return compute(cycles, macs, tmUsed, tnUsed, 1);
    }

    /**
     * As {@link #compute(long, long, int, int)}, with multipliers doing {@code rate} MACs per cycle on one weight and
     * {@code rate} pixels: one weight word read per {@code rate} MACs.
     */
    public int compute(long cycles, long macs, int tmUsed, int tnUsed, int rate) {
        int id = program.add(Q_COMPUTE, SRV_ENGINE, cycles, macs, 0);
        if (macs > 0) {
            program.counts(id, LEVEL_BRAM, Tensor.WEIGHT.ordinal(), Access.READ, ceil(macs, rate));
            program.counts(id, LEVEL_BRAM, Tensor.IFMAP.ordinal(), Access.READ, ceil(macs, tmUsed));
            program.counts(id, LEVEL_BRAM, Tensor.PSUM.ordinal(), Access.READ, ceil(macs, tnUsed));
            program.counts(id, LEVEL_BRAM, Tensor.PSUM.ordinal(), Access.WRITE, ceil(macs, tnUsed));
        }
        return id;
    }

    static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
