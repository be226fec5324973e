package org.arrayflow.kind.systolic;

import org.arrayflow.arch.ComputeModesReader;
import org.arrayflow.arch.Dram;
import org.arrayflow.arch.LimitsReader;
import org.arrayflow.arch.SparsityReader;
import org.arrayflow.config.Node;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Tensor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Semantic reading of a {@code type: systolic} architecture (structure is already schema-checked). */
final class SystolicArchReader {
    private SystolicArchReader() {}

    static SystolicArch read(Node root) {
        int wordBits = root.intValue("word_bits");
        Node pe = root.get("pe_array");
        int rows = pe.intValue("rows");
        int cols = pe.intValue("cols");
        if ((long) rows * cols > (1L << 24)) {
            throw pe.error("rows * cols = " + ((long) rows * cols) + " exceeds the supported 16,777,216 PEs");
        }
        int accBits = pe.intValue("accumulator_bits", 32);
        if (accBits < wordBits) {
            throw pe.error("accumulator_bits", "accumulators (" + accBits + " bits) are narrower than words ("
                    + wordBits + " bits)");
        }
        Node energy = root.has("energy") ? root.get("energy") : null;
        double mac = energy != null ? energy.doubleValue("mac_pj", 0) : 0;
        double vec = energy != null ? energy.doubleValue("vector_op_pj", 0) : 0;
        double leak = energy != null ? energy.doubleValue("leakage_pj_per_cycle", 0) : 0;
        String source = energy != null ? energy.text("source", "not stated") : "not stated";
        int lanes = root.has("vector_unit") ? root.get("vector_unit").intValue("lanes", cols) : cols;

        Node memory = root.get("memory");
        Dram dram = readDram(memory.get("dram"));
        List<Buffer> buffers = new ArrayList<>();
        for (Map.Entry<String, Node> e : memory.fields()) {
            if (!e.getKey().equals("dram")) {
                buffers.add(readBuffer(e.getKey(), e.getValue(), wordBits, accBits));
            }
        }
        checkRoles(memory, buffers);
        List<String> levels = new ArrayList<>();
        levels.add("dram");
        buffers.forEach(b -> levels.add(b.name()));
        return new SystolicArch(root.text("name"), root.doc().file(), root.doubleValue("clock_mhz"), wordBits, rows, cols,
                SystolicDataflow.fromName(root.text("dataflow")), accBits, buffers, dram, mac, vec, lanes, leak, source,
                ComputeModesReader.read(root, Datatype.word(wordBits)),
                SparsityReader.read(root, levels), pe.intValue("stationary_tiles", 1),
                pe.bool("whole_weight_tiles", false), LimitsReader.read(root));
    }

    static Dram readDram(Node d) {
        return new Dram(d.doubleValue("bandwidth_gb_s"), d.longValue("latency_cycles", 0), d.intValue("channels", 1),
                d.doubleValue("energy_pj_per_byte", 0));
    }

    private static Buffer readBuffer(String name, Node b, int wordBits, int accBits) {
        Set<Tensor> holds = EnumSet.noneOf(Tensor.class);
        if (b.has("holds")) {
            for (Node t : b.get("holds").items()) {
                holds.add(Tensor.fromLabel(t.text()));
            }
        } else {
            switch (name) {
                case "ifmap_sram": holds.add(Tensor.IFMAP); break;
                case "filter_sram": holds.add(Tensor.WEIGHT); break;
                case "ofmap_sram": holds.add(Tensor.OFMAP); break;
                case "accumulators": holds.add(Tensor.PSUM); break;
                default:
                    throw b.error("buffer '" + name + "' needs a 'holds' list (ifmap, weight, psum, ofmap)");
            }
        }
        long bytes = Math.round(b.doubleValue("size_kib") * 1024);
        if (bytes < 1) {
            // otherwise a rounding-to-zero size surfaces later as a misleading "no room left" mapping error
            throw b.error("size_kib", "is less than one byte (" + b.doubleValue("size_kib") + " KiB)");
        }
        int bits = b.intValue("word_bits", holds.equals(EnumSet.of(Tensor.PSUM)) ? accBits : wordBits);
        return new Buffer(name, bytes, holds, bits, b.doubleValue("read_energy_pj", 0), b.doubleValue("write_energy_pj", 0));
    }

    /** Each tensor lives in exactly one buffer; partial sums default to the ofmap buffer. */
    private static void checkRoles(Node memory, List<Buffer> buffers) {
        for (Tensor t : Tensor.values()) {
            List<String> holders = new ArrayList<>();
            for (Buffer b : buffers) {
                if (b.holds(t)) {
                    holders.add(b.name());
                }
            }
            if (holders.size() > 1) {
                throw memory.error(holders.get(1), "tensor '" + t.label() + "' is held by both " + holders.get(0)
                        + " and " + holders.get(1));
            }
            if (holders.isEmpty() && t != Tensor.PSUM) {
                throw memory.error("no on-chip buffer holds '" + t.label() + "' (add it to a buffer's holds list)");
            }
        }
        boolean psumHeld = buffers.stream().anyMatch(b -> b.holds(Tensor.PSUM));
        if (!psumHeld) {
            for (int i = 0; i < buffers.size(); i++) {
                Buffer b = buffers.get(i);
                if (b.holds(Tensor.OFMAP)) {
                    Set<Tensor> h = EnumSet.copyOf(b.holds());
                    h.add(Tensor.PSUM);
                    buffers.set(i, new Buffer(b.name(), b.sizeBytes(), h, b.wordBits(), b.readEnergyPj(), b.writeEnergyPj()));
                }
            }
        }
    }
}
