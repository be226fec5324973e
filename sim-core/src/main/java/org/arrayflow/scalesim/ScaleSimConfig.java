package org.arrayflow.scalesim;

import org.arrayflow.arch.Dram;
import org.arrayflow.config.Bundled;
import org.arrayflow.config.ConfigException;
import org.arrayflow.kind.systolic.Buffer;
import org.arrayflow.kind.systolic.SystolicArch;
import org.arrayflow.kind.systolic.SystolicDataflow;
import org.arrayflow.tensor.ComputeModes;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Sparsity;
import org.arrayflow.tensor.Tensor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A SCALE-Sim v2 configuration file ({@code .cfg}, INI style): the array, its three SRAMs, the dataflow
 * and the DRAM interface mode. Keys are case-insensitive and may be separated by {@code :} or {@code =},
 * as Python's configparser reads them; unknown keys and sections are ignored.
 *
 * @param bandwidth          words per cycle per DRAM interface (USER mode); SCALE-Sim uses the first value
 * @param userBandwidth      true for {@code InterfaceBandwidth: USER}, false for {@code CALC}
 */
public record ScaleSimConfig(String file, String runName, int rows, int cols, long ifmapKb, long filterKb, long ofmapKb,
                             long ifmapOffset, long filterOffset, long ofmapOffset, SystolicDataflow dataflow,
                             List<Long> bandwidth, int memoryBanks, boolean userBandwidth) {

    /** Clock assumed for a SCALE-Sim configuration, which counts cycles only: 1 GHz, so 1 byte/cycle = 1 GB/s. */
    public static final double CLOCK_MHZ = 1000;

    /** Why a SCALE-Sim run has no energy: its configuration files state none, and none are made up. */
    public static final String NO_ENERGY = "SCALE-Sim configurations carry no energy figures";

    public ScaleSimConfig {
        bandwidth = List.copyOf(bandwidth);
    }

    public static boolean isConfigFile(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".cfg");
    }

    public static ScaleSimConfig load(String path) {
        return parse(path, Bundled.resolve(Bundled.ARCH, path).text());
    }

    public static ScaleSimConfig parse(String file, String text) {
        Map<String, Map<String, Entry>> sections = sections(file, text);
        Section arch = new Section(file, "architecture_presets", sections);
        Section run = new Section(file, "run_presets", sections);
        Section general = new Section(file, "general", sections);
        String mode = run.text("interfacebandwidth").trim();
        boolean user;
        if (mode.equals("USER")) {
            user = true;
        } else if (mode.equals("CALC")) {
            user = false;
        } else {
            throw run.error("interfacebandwidth", "must be USER or CALC, not '" + mode + "'");
        }
        String df = arch.text("dataflow").trim().toLowerCase(Locale.ROOT);
        SystolicDataflow dataflow = switch (df) {
            case "os" -> SystolicDataflow.OUTPUT_STATIONARY;
            case "ws" -> SystolicDataflow.WEIGHT_STATIONARY;
            case "is" -> SystolicDataflow.INPUT_STATIONARY;
            default -> throw arch.error("dataflow", "must be os, ws or is, not '" + df + "'");
        };
        List<Long> bw = new ArrayList<>();
        for (String part : arch.text("bandwidth", "10").split(",")) {
            if (!part.isBlank()) {
                bw.add(arch.parseLong("bandwidth", part.trim(), 1));
            }
        }
        if (bw.isEmpty()) {
            throw arch.error("bandwidth", "needs at least one value");
        }
        int banks = (int) arch.longValue("memorybanks", 1, 1);
        if (user && bw.size() != banks) {
            // SCALE-Sim asserts this for USER mode; keep its rule so a file accepted here runs there too.
            throw arch.error("bandwidth", "USER mode needs one Bandwidth value per memory bank (" + banks
                    + " banks, " + bw.size() + " values)");
        }
        return new ScaleSimConfig(file, general.text("run_name", "scale_sim_run"),
                (int) arch.longValue("arrayheight", -1, 1), (int) arch.longValue("arraywidth", -1, 1),
                arch.longValue("ifmapsramszkb", -1, 1), arch.longValue("filtersramszkb", -1, 1),
                arch.longValue("ofmapsramszkb", -1, 1), arch.longValue("ifmapoffset", 0, 0),
                arch.longValue("filteroffset", 10_000_000, 0), arch.longValue("ofmapoffset", 20_000_000, 0),
                dataflow, bw, banks, user);
    }

    /** DRAM words per cycle per interface: Bandwidth[0] in USER mode; in CALC mode the array width (ofmap drain). */
    public long interfaceWordsPerCycle() {
        return userBandwidth ? bandwidth.get(0) : cols;
    }

    /**
     * The architecture this configuration describes, for the engine: ifmap, filter and ofmap SRAMs
     * (partial sums live with the ofmap), 1-byte words and 1-byte partial sums as SCALE-Sim counts them,
     * and one DRAM interface per operand ({@link Dram#perOperand()}: ifmap, filter, ofmap with the partial sums, each
     * used by its operand alone). In USER mode each interface moves Bandwidth[0] bytes per cycle with a 1-cycle
     * latency; in CALC mode DRAM is made effectively unlimited (reads never stall there).
     */
    public SystolicArch toArch() {
        List<Buffer> buffers = List.of(
                buffer("ifmap_sram", ifmapKb, EnumSet.of(Tensor.IFMAP)),
                buffer("filter_sram", filterKb, EnumSet.of(Tensor.WEIGHT)),
                buffer("ofmap_sram", ofmapKb, EnumSet.of(Tensor.OFMAP, Tensor.PSUM)));
        double bytesPerCycle = userBandwidth ? bandwidth.get(0) : 1_000_000;
        Dram dram = new Dram(Dram.OPERANDS * bytesPerCycle * CLOCK_MHZ / 1000, userBandwidth ? 1 : 0, Dram.OPERANDS, 0,
                true);
        return new SystolicArch(runName, file, CLOCK_MHZ, 8, rows, cols, dataflow, 8, buffers, dram, 0, 0, cols, 0,
                "none: " + NO_ENERGY, ComputeModes.wordOnly(Datatype.word(8)),
                Sparsity.NONE, 1, false, org.arrayflow.arch.HardwareLimits.NONE);
    }

    private static Buffer buffer(String name, long kb, Set<Tensor> holds) {
        return new Buffer(name, kb * 1024, holds, 8, 0, 0);
    }

    private record Entry(String value, int line) {}

    private static Map<String, Map<String, Entry>> sections(String file, String text) {
        Map<String, Map<String, Entry>> out = new LinkedHashMap<>();
        Map<String, Entry> current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = out.computeIfAbsent(line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT),
                        k -> new LinkedHashMap<>());
                continue;
            }
            int colon = line.indexOf(':');
            int eq = line.indexOf('=');
            int sep = colon < 0 ? eq : eq < 0 ? colon : Math.min(colon, eq);
            if (sep <= 0 || current == null) {
                throw new ConfigException(file, i + 1, 1, "", "expected 'key: value' inside a [section], got '" + line + "'");
            }
            current.put(line.substring(0, sep).strip().toLowerCase(Locale.ROOT),
                    new Entry(line.substring(sep + 1).strip(), i + 1));
        }
        return out;
    }

    /** One section of the file, with errors that name file, line and key. */
    private static final class Section {
        private final String file;
        private final String name;
        private final Map<String, Entry> entries;

        Section(String file, String name, Map<String, Map<String, Entry>> all) {
            this.file = file;
            this.name = name;
            this.entries = all.getOrDefault(name, Map.of());
        }

        String text(String key) {
            Entry e = entries.get(key);
            if (e == null) {
                throw ConfigException.of(file, "[" + name + "] " + key + ": missing");
            }
            return e.value();
        }

        String text(String key, String dflt) {
            Entry e = entries.get(key);
            return e == null ? dflt : e.value();
        }

        long longValue(String key, long dflt, long min) {
            Entry e = entries.get(key);
            if (e == null) {
                if (dflt < min) {
                    throw ConfigException.of(file, "[" + name + "] " + key + ": missing");
                }
                return dflt;
            }
            return parseLong(key, e.value(), min);
        }

        long parseLong(String key, String v, long min) {
            long x;
            try {
                x = Long.parseLong(v.trim());
            } catch (NumberFormatException ex) {
                throw error(key, "'" + v + "' is not an integer");
            }
            if (x < min) {
                throw error(key, x + " is below the minimum " + min);
            }
            return x;
        }

        ConfigException error(String key, String problem) {
            Entry e = entries.get(key);
            return new ConfigException(file, e == null ? 0 : e.line(), e == null ? 0 : 1, name + "." + key, problem);
        }
    }
}
