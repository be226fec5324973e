package org.arrayflow.kind.systolic;

import org.arrayflow.arch.Dram;
import org.arrayflow.engine.Server;
import org.arrayflow.tensor.Tensor;

import java.util.List;

/**
 * The servers and issue queues of a systolic program, and which DRAM link and queue carry each tensor's transfers.
 *
 * <p>Pooled DRAM (every YAML architecture): servers {@code array}, {@code dram} (all channels, any transfer takes a
 * free one), {@code vector}; queues {@code compute}, {@code load}, {@code store}.
 *
 * <p>One interface per operand ({@link Dram#perOperand()}): servers {@code array}, {@code dram_ifmap}, {@code
 * dram_filter}, {@code dram_ofmap} (one channel each, a third of the bandwidth), {@code vector}; queues {@code
 * compute}, {@code load_ifmap}, {@code load_filter}, {@code load_ofmap}, {@code store}. Each interface issues its
 * own loads in order, so a load waiting for its busy interface does not hold up another operand's. Partial sums
 * travel with the ofmap (spills and stores on {@code store}, reloads on {@code load_ofmap}); every store is the
 * ofmap interface's. The memory level is {@code dram} either way: only the links split, not the traffic counters.
 */
public final class DramPorts {
    private static final String[] OPERAND = {"ifmap", "filter", "ofmap"};

    private final boolean perOperand;
    private final List<Server> servers;
    private final List<String> queues;

    DramPorts(Dram dram, double clockMhz) {
        this.perOperand = dram.perOperand();
        double bytesPerCycle = dram.bytesPerCycle(clockMhz);
        if (perOperand) {
            double each = bytesPerCycle / Dram.OPERANDS;
            servers = List.of(Server.unit("array"), Server.link(linkName(Tensor.IFMAP), each, dram.latencyCycles(), 1),
                    Server.link(linkName(Tensor.WEIGHT), each, dram.latencyCycles(), 1),
                    Server.link(linkName(Tensor.OFMAP), each, dram.latencyCycles(), 1), Server.unit("vector"));
            queues = List.of("compute", "load_ifmap", "load_filter", "load_ofmap", "store");
        } else {
            servers = List.of(Server.unit("array"),
                    Server.link("dram", bytesPerCycle, dram.latencyCycles(), dram.channels()), Server.unit("vector"));
            queues = List.of("compute", "load", "store");
        }
    }

    /** The link of a tensor's transfers when DRAM has one interface per operand: {@code dram_ifmap}, ... */
    public static String linkName(Tensor t) {
        return "dram_" + OPERAND[operand(t)];
    }

    /** 0 ifmap, 1 filter, 2 ofmap (with the partial sums). */
    private static int operand(Tensor t) {
        return switch (t) {
            case IFMAP -> 0;
            case WEIGHT -> 1;
            case OFMAP, PSUM -> 2;
        };
    }

    List<Server> servers() {
        return servers;
    }

    List<String> queues() {
        return queues;
    }

    /** The link a tensor's loads and stores use. */
    int link(Tensor t) {
        return perOperand ? 1 + operand(t) : 1;
    }

    /** The queue a tensor's loads issue on. */
    int loadQueue(Tensor t) {
        return perOperand ? 1 + operand(t) : 1;
    }

    /** The queue stores issue on. */
    int storeQueue() {
        return queues.size() - 1;
    }

    int vector() {
        return servers.size() - 1;
    }
}
