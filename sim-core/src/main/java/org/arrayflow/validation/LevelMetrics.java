package org.arrayflow.validation;

import org.arrayflow.result.EnergyItem;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;

import java.util.List;

/**
 * Resolves a validation metric name on a result, for one layer or for {@code total} (the whole network).
 * Names:
 * <ul>
 * <li>{@code total_cycles}, {@code compute_cycles}, {@code stall_cycles}, {@code macs}; a {@code _per_image}
 *     suffix divides by the batch;</li>
 * <li>{@code dram_accesses}, {@code glb_accesses} (every level whose name starts with {@code glb}),
 *     {@code accesses_<level>} (one level), all in words; {@code dram_bytes}, {@code glb_bytes},
 *     {@code bytes_<level>} in bytes;</li>
 * <li>{@code active_pes}: the layer mapping's {@code active_pes}; for the total, the mean over layers
 *     that have one, weighted by compute cycles;</li>
 * <li>{@code energy_<component>_pj} and {@code energy_<component>_mac_units} (divided by the energy of one
 *     MAC): the components named so or starting with {@code <component>_}; {@code alu} means {@code mac},
 *     {@code rf} means the scratchpads ({@code spad_*});</li>
 * <li>{@code utilization}; {@code frames_per_s} (batch over the total time, at the result's clock);</li>
 * <li>{@code on_chip_power_mw}: the energy of every component but DRAM ({@code dram*}) over the time taken, in
 *     mW: what a chip's published layout power (which leaves main memory out) is compared with.</li>
 * </ul>
 */
public final class LevelMetrics {
    private LevelMetrics() {}

    public static double resolve(NetworkResult r, String layer, String metric) {
        if (metric.endsWith("_per_image")) {
            return resolve(r, layer, metric.substring(0, metric.length() - "_per_image".length())) / r.batch();
        }
        List<LayerResult> layers = layer.equals("total") ? r.layers() : List.of(find(r, layer));
        switch (metric) {
            case "total_cycles": return sum(layers, LayerResult::totalCycles);
            case "compute_cycles": return sum(layers, LayerResult::computeCycles);
            case "stall_cycles": return sum(layers, LayerResult::stallCycles);
            case "macs": return sum(layers, LayerResult::macs);
            case "dram_accesses": return words(layers, "dram", false);
            case "dram_bytes": return bytes(layers, "dram", false);
            case "glb_accesses": return words(layers, "glb", true);
            case "glb_bytes": return bytes(layers, "glb", true);
            case "active_pes": return activePes(layers);
            case "utilization": {
                double cycles = sum(layers, LayerResult::totalCycles);
                double peCycles = layers.stream().mapToDouble(LayerResult::peCycles).sum();
                return cycles == 0 ? 0 : peCycles / (r.peCount() * cycles);
            }
            case "frames_per_s": return r.batch() / (sum(layers, LayerResult::totalCycles) / (r.clockMhz() * 1e6));
            default:
                break;
        }
        if (metric.equals("on_chip_power_mw")) {
            return onChipPowerMw(r, layers);
        }
        if (metric.startsWith("accesses_")) {
            return words(layers, metric.substring("accesses_".length()), false);
        }
        if (metric.startsWith("bytes_")) {
            return bytes(layers, metric.substring("bytes_".length()), false);
        }
        if (metric.startsWith("energy_") && metric.endsWith("_pj")) {
            return energy(layers, component(metric, "_pj"));
        }
        if (metric.startsWith("energy_") && metric.endsWith("_mac_units")) {
            double macPj = energy(r.layers(), "mac") / sum(r.layers(), LayerResult::macs);
            return energy(layers, component(metric, "_mac_units")) / macPj;
        }
        throw new IllegalArgumentException("unknown metric '" + metric + "'");
    }

    /** Energy of all but the DRAM components over the layers' time, in mW. */
    private static double onChipPowerMw(NetworkResult r, List<LayerResult> layers) {
        double pj = 0;
        for (LayerResult l : layers) {
            for (EnergyItem i : l.energy()) {
                pj += i.component().startsWith("dram") ? 0 : i.energyPj();
            }
        }
        double seconds = sum(layers, LayerResult::totalCycles) / (r.clockMhz() * 1e6);
        return seconds == 0 ? 0 : pj * 1e-12 / seconds * 1e3;
    }

    private static String component(String metric, String suffix) {
        String c = metric.substring("energy_".length(), metric.length() - suffix.length());
        return switch (c) {
            case "alu" -> "mac";
            case "rf" -> "spad";
            default -> c;
        };
    }

    private static LayerResult find(NetworkResult r, String name) {
        for (LayerResult l : r.layers()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no layer '" + name + "' in the result");
    }

    private static double sum(List<LayerResult> ls, java.util.function.ToLongFunction<LayerResult> f) {
        double s = 0;
        for (LayerResult l : ls) {
            s += f.applyAsLong(l);
        }
        return s;
    }

    private static boolean levelMatches(String level, String want, boolean prefix) {
        return prefix ? level.startsWith(want) : level.equals(want);
    }

    private static double words(List<LayerResult> ls, String level, boolean prefix) {
        double s = 0;
        for (LayerResult l : ls) {
            for (Traffic t : l.traffic()) {
                if (levelMatches(t.level(), level, prefix)) {
                    s += t.reads() + t.writes() + t.fills() + t.drains();
                }
            }
        }
        return s;
    }

    private static double bytes(List<LayerResult> ls, String level, boolean prefix) {
        double s = 0;
        for (LayerResult l : ls) {
            for (Traffic t : l.traffic()) {
                if (levelMatches(t.level(), level, prefix)) {
                    s += t.bytes();
                }
            }
        }
        return s;
    }

    private static double energy(List<LayerResult> ls, String component) {
        double s = 0;
        for (LayerResult l : ls) {
            for (EnergyItem i : l.energy()) {
                if (i.component().equals(component) || i.component().startsWith(component + "_")) {
                    s += i.energyPj();
                }
            }
        }
        return s;
    }

    private static double activePes(List<LayerResult> ls) {
        double weighted = 0;
        double cycles = 0;
        for (LayerResult l : ls) {
            String a = l.mapping().get("active_pes");
            if (a != null) {
                weighted += Double.parseDouble(a) * l.computeCycles();
                cycles += l.computeCycles();
            }
        }
        if (cycles == 0) {
            throw new IllegalArgumentException("no layer reports active_pes");
        }
        return weighted / cycles;
    }
}
