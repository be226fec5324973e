package org.arrayflow.sim;

import org.arrayflow.arch.Architecture;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a network fits in the DRAM its architecture declares ({@code size_gib}). What must be in DRAM at once,
 * at least: every layer's weights and constants (embedding tables, batch-norm parameters) as DRAM stores them
 * (compressed where it codes them), the tensors that outlive the network (an LLM's KV cache), and the largest
 * layer's own inputs and output. Activations of other layers may reuse the same space, so this is a lower bound
 * and a network above the capacity cannot run as simulated. The capacity counts every core's own DRAM (private
 * DRAM) and every chip's; tensor or pipeline parallelism spreads the weights over the chips, so the sum is what
 * they can hold together. A network that does not fit is warned about, not refused: its cycles and traffic are
 * what the chip would do if it did (a what-if a user may want), and the warning says so.
 */
public final class DramFit {
    private DramFit() {}

    /** Bytes the network needs in DRAM at once, by kind. */
    public record Need(long weightBytes, long heldBytes, long activationBytes) {
        public long total() {
            return weightBytes + heldBytes + activationBytes;
        }
    }

    public static Need need(Architecture arch, Network net) {
        long weights = 0;
        long held = 0;
        long activations = 0;
        Set<String> heldNames = new HashSet<>();
        for (Network.Held h : net.held().values()) {
            heldNames.add(h.tensor());
        }
        for (Layer l : net.layers()) {
            Precision p = arch.precision(l);
            weights += p.bytesAt("dram", Tensor.WEIGHT, l.weights()) + p.bytes(Tensor.WEIGHT, l.constants());
            long own = p.bytesAt("dram", Tensor.OFMAP, l.outputWords());
            for (int i = 0; i < l.inputShapes().size(); i++) {
                if (i >= l.inputs().size() || !heldNames.contains(l.inputs().get(i))) {
                    own += p.bytesAt("dram", Tensor.IFMAP, l.readWords(i));
                }
            }
            activations = Math.max(activations, own);
            Network.Held h = net.held().get(l.name());
            if (h != null) {
                held += p.bytes(Tensor.OFMAP, h.elements());
            }
        }
        return new Need(weights, held, activations);
    }

    /** The DRAM all cores and chips have together, 0 when the architecture declares no capacity. */
    public static long capacity(Architecture arch) {
        long one = arch.limits().dramBytes();
        int cores = arch.cores().sharedDram() ? 1 : arch.cores().count();
        return one * cores * arch.chips().count();
    }

    /** A one-line warning when the network does not fit, else null (it fits, or no capacity is declared). */
    public static String warning(Architecture arch, Network net) {
        long cap = capacity(arch);
        if (cap == 0) {
            return null;
        }
        Need n = need(arch, net);
        if (n.total() <= cap) {
            return null;
        }
        return String.format(Locale.ROOT, "warning: %s needs at least %s of DRAM (weights %s, tensors kept across "
                        + "steps %s, its largest layer's activations %s), more than %s's %s (size_gib): the results"
                        + " are those of a chip that could hold it; more chips, quantized or pruned weights would fit",
                net.name(), gb(n.total()), gb(n.weightBytes()), gb(n.heldBytes()), gb(n.activationBytes()),
                arch.name(), gb(cap));
    }

    private static String gb(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (30 - 10 * i);
            if (bytes >= unit) {
                return String.format(Locale.ROOT, "%.2f %s", bytes / (double) unit, units[i]);
            }
        }
        return bytes + " bytes";
    }
}
