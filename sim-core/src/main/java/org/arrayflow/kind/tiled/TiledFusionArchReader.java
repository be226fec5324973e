package org.arrayflow.kind.tiled;

import org.arrayflow.arch.ComputeModesReader;
import org.arrayflow.arch.LimitsReader;
import org.arrayflow.arch.SparsityReader;
import org.arrayflow.arch.Dram;
import org.arrayflow.config.Node;
import org.arrayflow.tensor.ComputeModes;
import org.arrayflow.config.Position;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.fusion.FusionConfig;
import org.arrayflow.fusion.FusionStrategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Semantic reading of a {@code type: tiled-fusion} architecture (structure is already schema-checked). */
final class TiledFusionArchReader {
    private TiledFusionArchReader() {}

    static TiledFusionArch read(Node root) {
        int wordBits = root.intValue("word_bits");
        Node compute = root.get("compute");
        int dsp = compute.intValue("dsp_slices");
        double macsPerDsp = compute.doubleValue("macs_per_dsp");
        if (Math.floor(dsp * macsPerDsp + 1e-9) < 1) {
            throw compute.error(dsp + " DSP slices at " + macsPerDsp + " MACs per DSP give no MAC unit");
        }
        Node onChip = root.get("on_chip");
        long bytes;
        if (onChip.has("budget_kib")) {
            if (onChip.has("bram_blocks")) {
                throw onChip.error("budget_kib", "give either budget_kib or bram_blocks with block_kib, not both");
            }
            bytes = Math.round(onChip.doubleValue("budget_kib") * 1024);
        } else if (onChip.has("bram_blocks")) {
            bytes = Math.round(onChip.longValue("bram_blocks") * onChip.doubleValue("block_kib", 2.0) * 1024);
        } else {
            throw onChip.error("needs budget_kib, or bram_blocks (with block_kib)");
        }
        Node d = root.get("dram");
        Dram dram = new Dram(d.doubleValue("bandwidth_gb_s"), d.longValue("latency_cycles", 0), 1,
                d.doubleValue("energy_pj_per_byte", 0));
        double eff = d.doubleValue("efficiency", 1.0);
        FabricPorts ports = FabricPorts.NONE;
        if (d.has("ports")) {
            Node pn = d.get("ports");
            ports = new FabricPorts(pn.intValue("count"), pn.intValue("bits"));
            if (ports.bits() % 8 != 0) {
                throw pn.error("bits", "port width " + ports.bits() + " is not a whole number of bytes");
            }
        }

        LoopTiling tiling = root.has("tiling") ? tiling(root.get("tiling")) : LoopTiling.SEARCH;
        long units = (long) Math.floor(dsp * macsPerDsp + 1e-9);
        if (tiling.units() > units) {
            throw root.error("tiling", "Tm x Tn = " + tiling.units() + " MAC units exceed the " + units
                    + " that " + dsp + " DSP slices give");
        }
        Map<String, LoopTiling> perLayer = new LinkedHashMap<>();
        if (root.has("layer_tiling")) {
            for (Map.Entry<String, Node> e : root.get("layer_tiling").fields()) {
                LoopTiling t = tiling(e.getValue());
                if (t.orElse(tiling).units() > units) {
                    throw e.getValue().error("Tm x Tn exceeds the " + units + " MAC units of the DSP budget");
                }
                perLayer.put(e.getKey(), t);
            }
        }
        FusionConfig fusion = FusionConfig.NONE;
        if (root.has("fusion")) {
            Node f = root.get("fusion");
            List<String> groups = new ArrayList<>();
            List<Position> origins = new ArrayList<>();
            if (f.has("groups")) {
                for (Node g : f.get("groups").items()) {
                    groups.add(g.text());
                    origins.add(g.position());
                }
            }
            int[] tile = f.pair("tile", 0);
            fusion = new FusionConfig(groups, FusionStrategy.fromLabel(f.text("strategy", "reuse")), tile[0], tile[1],
                    false, origins);
        }
        Node energy = root.has("energy") ? root.get("energy") : null;
        double mac = energy != null ? energy.doubleValue("mac_pj", 0) : 0;
        double rd = energy != null ? energy.doubleValue("bram_read_pj", 0) : 0;
        double wr = energy != null ? energy.doubleValue("bram_write_pj", rd) : 0;
        double leak = energy != null ? energy.doubleValue("leakage_pj_per_cycle", 0) : 0;
        String src = energy != null ? energy.text("source", "not stated") : "not stated";
        return new TiledFusionArch(root.text("name"), root.doc().file(), root.doubleValue("clock_mhz"), wordBits, dsp,
                macsPerDsp, bytes, dram, eff, ports, tiling, root.bool("per_layer_tiling", false), perLayer, fusion, mac, rd,
                wr, leak, src, fed(root, ComputeModesReader.read(root, Datatype.word(wordBits)), wordBits),
                SparsityReader.read(root, TiledProgram.LEVELS), LimitsReader.read(root));
    }

    /**
     * A multiplier doing r MACs a cycle takes r inputs a cycle through its lane of the input buffer, whose ports are a
     * word wide: the r inputs must pack into a word (two int8 in 16 bits), or the buffer could not feed the rate.
     */
    private static ComputeModes fed(Node root, ComputeModes modes, int wordBits) {
        for (ComputeModes.Mode m : modes.modes()) {
            if (m.macsPerCycle() > 1 && (long) m.macsPerCycle() * m.type().storageBits() > wordBits) {
                throw root.get("datatypes").get(m.type().name()).error("macs_per_cycle", m.macsPerCycle() + " "
                        + m.type().name() + " inputs take " + (long) m.macsPerCycle() * m.type().storageBits()
                        + " bits a cycle, more than the " + wordBits + "-bit word a lane of the input buffer delivers "
                        + "(at most " + Math.max(1, wordBits / m.type().storageBits()) + ")");
            }
        }
        return modes;
    }

    private static LoopTiling tiling(Node t) {
        return new LoopTiling(t.intValue("tm", 0), t.intValue("tn", 0), t.intValue("tr", 0), t.intValue("tc", 0));
    }
}
