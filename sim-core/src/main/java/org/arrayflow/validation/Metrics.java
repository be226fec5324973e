package org.arrayflow.validation;

import org.arrayflow.config.ConfigException;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.TensorFigures;
import org.arrayflow.scalesim.ScaleSimLayer;
import org.arrayflow.tensor.Tensor;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The figures a validation case can check, by name, for one layer or for the whole run ({@code total}).
 *
 * <p>Run metrics (any architecture): {@code total_cycles}, {@code compute_cycles}, {@code stall_cycles},
 * {@code macs}, {@code weights}, {@code utilization_pct}, {@code dram_bytes}, {@code energy_pj},
 * {@code tops} (2 ops per MAC over the run's time), {@code macs_per_weight_byte} (the roofline's
 * operational intensity over weight traffic) and {@code roofline_bound_tops}
 * (min(peak, intensity x DRAM bandwidth) x 2); {@code nonzero_weights} (weights at their stated density),
 * {@code macs_skipped} (MACs of pruned weights the hardware skipped) and {@code macs_gated} (MACs a zero
 * operand gated); {@code peak_tops_<datatype>} and {@code peak_tops_<datatype>_sparse}, the architecture's
 * peak from its units, rates and cores (see {@link #peakTops}).
 * <p>SCALE-Sim report metrics (a {@code .cfg} case only): {@code overall_util_pct},
 * {@code mapping_efficiency_pct}, {@code compute_util_pct} (per layer), {@code sram_ifmap_reads},
 * {@code sram_filter_reads}, {@code sram_ofmap_writes}, {@code dram_ifmap_reads}, {@code dram_filter_reads},
 * {@code dram_ofmap_writes} (per layer or summed); the start and stop cycles of DETAILED_ACCESS_REPORT.csv,
 * {@code sram_ifmap_start} ... {@code dram_ofmap_stop} (per layer).
 */
public final class Metrics {
    public static final List<String> NAMES = List.of("total_cycles", "compute_cycles", "stall_cycles", "macs", "weights",
            "utilization_pct", "dram_bytes", "energy_pj", "tops", "macs_per_weight_byte", "roofline_bound_tops",
            "nonzero_weights", "macs_skipped", "macs_gated", "overall_util_pct", "mapping_efficiency_pct", "compute_util_pct", "sram_ifmap_reads", "sram_filter_reads",
            "sram_ofmap_writes", "dram_ifmap_reads", "dram_filter_reads", "dram_ofmap_writes",
            "sram_ifmap_start", "sram_ifmap_stop", "sram_filter_start", "sram_filter_stop", "sram_ofmap_start",
            "sram_ofmap_stop", "dram_ifmap_start", "dram_ifmap_stop", "dram_filter_start", "dram_filter_stop",
            "dram_ofmap_start", "dram_ofmap_stop");

    private Metrics() {}

    /** The value of {@code metric} for {@code layer} (null: the whole run). Unknown names are input errors. */
    public static double resolve(String metric, String layer, Outcome o, String caseFile) {
        NetworkResult r = o.result();
        if (metric.startsWith(PEAK)) {
            return peakTops(metric, o, caseFile);
        }
        if (!NAMES.contains(metric) && FusionMetrics.NAMES.contains(metric)) {
            try {
                return FusionMetrics.value(r, layer == null ? "total" : layer, metric);
            } catch (IllegalArgumentException e) {
                throw ConfigException.of(caseFile, e.getMessage());
            }
        }
        if (!NAMES.contains(metric)) {
            // per-level accesses, energy in MAC units, active PEs, per-image figures: see LevelMetrics
            try {
                return LevelMetrics.resolve(r, layer == null ? "total" : layer, metric);
            } catch (IllegalArgumentException e) {
                throw ConfigException.of(caseFile, "unknown metric '" + metric + "' (known: " + String.join(", ", NAMES)
                        + ", " + String.join(", ", FusionMetrics.NAMES) + ", and the level, energy and per-image"
                        + " metrics of LevelMetrics): " + e.getMessage());
            }
        }
        if (metric.startsWith("sram_") || metric.startsWith("dram_") && !metric.equals("dram_bytes")
                || metric.equals("overall_util_pct") || metric.equals("mapping_efficiency_pct")
                || metric.equals("compute_util_pct")) {
            return scaleSim(metric, layer, o, caseFile);
        }
        if (layer == null) {
            return total(metric, r, o);
        }
        LayerResult l = layer(r, layer, caseFile);
        switch (metric) {
            case "total_cycles": return l.totalCycles();
            case "compute_cycles": return l.computeCycles();
            case "stall_cycles": return l.stallCycles();
            case "macs": return l.macs();
            case "weights": return l.weights();
            case "utilization_pct": return 100 * l.utilization();
            case "dram_bytes": return l.bytes("dram");
            case "energy_pj": return l.energyPj();
            case "tops": return tops(l.macs(), l.totalCycles(), r.clockMhz());
            case "macs_per_weight_byte": return intensity(l.macs(), l.weights(), o);
            case "roofline_bound_tops": return bound(intensity(l.macs(), l.weights(), o), o, r.clockMhz());
            case "nonzero_weights": return TensorFigures.nonzeroWeights(l);
            case "macs_skipped": return l.activity().skippedMacs();
            case "macs_gated": return l.activity().gatedMacs();
            default: throw new IllegalStateException(metric);
        }
    }

    private static double total(String metric, NetworkResult r, Outcome o) {
        switch (metric) {
            case "total_cycles": return r.totalCycles();
            case "compute_cycles": return r.computeCycles();
            case "stall_cycles": return r.stallCycles();
            case "macs": return r.macs();
            case "weights": return r.layers().stream().mapToLong(LayerResult::weights).sum();
            case "utilization_pct": return 100 * r.utilization();
            case "dram_bytes": return r.bytes("dram");
            case "energy_pj": return r.energyPj();
            case "tops": return tops(r.macs(), r.totalCycles(), r.clockMhz());
            case "macs_per_weight_byte":
                return intensity(r.macs(), r.layers().stream().mapToLong(LayerResult::weights).sum(), o);
            case "roofline_bound_tops":
                return bound(intensity(r.macs(), r.layers().stream().mapToLong(LayerResult::weights).sum(), o), o,
                        r.clockMhz());
            case "nonzero_weights": return TensorFigures.nonzeroWeights(r);
            case "macs_skipped": return TensorFigures.skippedMacs(r);
            case "macs_gated": return TensorFigures.gatedMacs(r);
            default: throw new IllegalStateException(metric);
        }
    }

    private static final String PEAK = "peak_tops_";

    /**
     * {@code peak_tops_<datatype>}: the architecture's peak in that datatype, all cores (and chips), 2 ops per MAC (what a
     * vendor's table states), from its units and rates, not from a run; {@code _sparse} appended: with its
     * structured N:M skipping, M/N times that (dense-equivalent ops, as vendors count sparse peaks).
     */
    static double peakTops(String metric, Outcome o, String caseFile) {
        boolean sparse = metric.endsWith("_sparse");
        String name = metric.substring(PEAK.length(), metric.length() - (sparse ? "_sparse".length() : 0));
        org.arrayflow.tensor.Datatype t = org.arrayflow.tensor.Datatype.named(name);
        if (t == null || o.arch() == null) {
            throw ConfigException.of(caseFile, "metric '" + metric + "': " + (t == null ? "'" + name
                    + "' is not a datatype" : "needs an architecture file"));
        }
        org.arrayflow.tensor.Density p = o.arch().sparsity().structured();
        if (sparse && p == null) {
            throw ConfigException.of(caseFile, "metric '" + metric + "': " + o.arch().name()
                    + " declares no structured N:M sparsity");
        }
        double speedup = sparse ? (double) p.m() / p.n() : 1;
        return 2.0 * o.arch().peakMacsPerCycle(t) * speedup * o.arch().clockMhz() * 1e6 / 1e12;
    }

    /** Tera-operations per second, counting a MAC as two operations. */
    public static double tops(long macs, long cycles, double clockMhz) {
        return cycles == 0 ? 0 : 2.0 * macs / (cycles / (clockMhz * 1e6)) / 1e12;
    }

    /** MACs per byte of weights fetched once from DRAM. */
    public static double intensity(long macs, long weightWords, Outcome o) {
        return weightWords == 0 ? Double.POSITIVE_INFINITY
                : (double) macs / (double) o.precision().bytes(Tensor.WEIGHT, weightWords);
    }

    /** Roofline: the lesser of the array's peak and what the DRAM bandwidth can feed at this intensity. */
    public static double bound(double macsPerByte, Outcome o, double clockMhz) {
        double macsPerCycle = Math.min(o.peakMacsPerCycle(), macsPerByte * o.dramBytesPerCycle());
        return 2 * macsPerCycle * clockMhz * 1e6 / 1e12;
    }

    private static double scaleSim(String metric, String layer, Outcome o, String caseFile) {
        if (o.scaleSim().isEmpty()) {
            throw ConfigException.of(caseFile, "metric '" + metric + "' exists only for a SCALE-Sim (.cfg) architecture");
        }
        ToDoubleFunction<ScaleSimLayer> f = switch (metric) {
            case "overall_util_pct" -> ScaleSimLayer::overallUtilPct;
            case "mapping_efficiency_pct" -> ScaleSimLayer::mappingEfficiencyPct;
            case "compute_util_pct" -> ScaleSimLayer::computeUtilPct;
            case "sram_ifmap_reads" -> ScaleSimLayer::sramIfmapReads;
            case "sram_filter_reads" -> ScaleSimLayer::sramFilterReads;
            case "sram_ofmap_writes" -> ScaleSimLayer::sramOfmapWrites;
            case "dram_ifmap_reads" -> ScaleSimLayer::dramIfmapReads;
            case "dram_filter_reads" -> ScaleSimLayer::dramFilterReads;
            case "dram_ofmap_writes" -> ScaleSimLayer::dramOfmapWrites;
            case "sram_ifmap_start" -> l -> l.sramIfmap().start();
            case "sram_ifmap_stop" -> l -> l.sramIfmap().stop();
            case "sram_filter_start" -> l -> l.sramFilter().start();
            case "sram_filter_stop" -> l -> l.sramFilter().stop();
            case "sram_ofmap_start" -> l -> l.sramOfmap().start();
            case "sram_ofmap_stop" -> l -> l.sramOfmap().stop();
            case "dram_ifmap_start" -> l -> l.dramIfmap().start();
            case "dram_ifmap_stop" -> l -> l.dramIfmap().stop();
            case "dram_filter_start" -> l -> l.dramFilter().start();
            case "dram_filter_stop" -> l -> l.dramFilter().stop();
            case "dram_ofmap_start" -> l -> l.dramOfmap().start();
            case "dram_ofmap_stop" -> l -> l.dramOfmap().stop();
            default -> throw new IllegalStateException(metric);
        };
        if (layer == null) {
            if (metric.endsWith("_pct") || metric.endsWith("_start") || metric.endsWith("_stop")) {
                throw ConfigException.of(caseFile, "metric '" + metric + "' is per layer; name a layer");
            }
            return o.scaleSim().stream().mapToDouble(f).sum();
        }
        for (ScaleSimLayer l : o.scaleSim()) {
            if (l.name().equals(layer)) {
                return f.applyAsDouble(l);
            }
        }
        throw ConfigException.of(caseFile, "no layer named '" + layer + "' in the workload");
    }

    private static LayerResult layer(NetworkResult r, String name, String caseFile) {
        for (LayerResult l : r.layers()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw ConfigException.of(caseFile, "no layer named '" + name + "' in the workload");
    }
}
