package org.arrayflow.validation;

import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;

import java.util.List;

/**
 * Resolves the metrics the tiled-fusion validation cases name, on a network result.
 * Network totals ({@code layer: total}): {@code fps}, {@code latency_ms}, {@code gops} (2 ops per MAC over
 * the whole run), {@code gflops_conv} (conv layers and fused groups only, over their own time),
 * {@code cycles}, {@code dram_mib}. Per layer or fused group ({@code layer: conv1_1..conv3_1}):
 * {@code cycles}, {@code fps} (the batch over that row's own time), {@code gops}, {@code dram_mib}, {@code feature_dram_mib} (ifmap + ofmap bytes the engine
 * moved; also {@code feature_dram_bytes}), {@code storage_kib} / {@code storage_bytes}, {@code extra_macs},
 * {@code computed_macs} (useful + extra), {@code pyramids}, {@code unfused_feature_mib} (from the group's mapping).
 */
public final class FusionMetrics {
    private static final double MIB = 1024.0 * 1024.0;

    /** The metric names resolved here (others are {@link Metrics}'s). */
    public static final java.util.List<String> NAMES = java.util.List.of("fps", "latency_ms", "gops", "gflops_conv",
            "cycles", "dram_mib", "feature_dram_mib", "feature_dram_bytes", "storage_kib", "storage_bytes", "pyramids",
            "computed_macs", "extra_macs", "unfused_feature_mib");

    private FusionMetrics() {}

    public static double value(NetworkResult r, String layer, String metric) {
        if ("total".equals(layer)) {
            switch (metric) {
                case "fps": return r.batch() / r.seconds();
                case "latency_ms": return r.seconds() * 1e3;
                case "gops": return 2.0 * r.macs() / r.seconds() / 1e9;
                case "cycles": return r.totalCycles();
                case "dram_mib": return r.bytes("dram") / MIB;
                case "gflops_conv": return convGflops(r.layers(), r.clockMhz());
                default: throw new IllegalArgumentException("unknown network metric '" + metric + "'");
            }
        }
        LayerResult l = find(r, layer);
        switch (metric) {
            case "cycles": return l.totalCycles();
            case "fps": return r.batch() * (r.clockMhz() * 1e6) / l.totalCycles();
            case "gops": return 2.0 * l.macs() / (l.totalCycles() / (r.clockMhz() * 1e6)) / 1e9;
            case "dram_mib": return l.bytes("dram") / MIB;
            case "feature_dram_mib": return featureBytes(l) / MIB;
            case "feature_dram_bytes": return featureBytes(l);
            case "storage_kib": return mapped(l, "storage_bytes") / 1024.0;
            case "storage_bytes": return mapped(l, "storage_bytes");
            case "pyramids": return mapped(l, "pyramids");
            case "computed_macs": return l.macs() + mapped(l, "extra_macs");
            case "extra_macs": return mapped(l, "extra_macs");
            case "unfused_feature_mib": return mapped(l, "unfused_one_pass_feature_bytes") / MIB;
            default: throw new IllegalArgumentException("unknown layer metric '" + metric + "'");
        }
    }

    static double convGflops(List<LayerResult> layers, double clockMhz) {
        long macs = 0;
        long cycles = 0;
        for (LayerResult l : layers) {
            if (l.kind().equals("conv2d") || l.kind().equals("fused")) {
                macs += l.macs();
                cycles += l.totalCycles();
            }
        }
        return 2.0 * macs / (cycles / (clockMhz * 1e6)) / 1e9;
    }

    static long featureBytes(LayerResult l) {
        long b = 0;
        for (Traffic t : l.traffic()) {
            if (t.level().equals("dram") && (t.tensor().equals("ifmap") || t.tensor().equals("ofmap"))) {
                b += t.bytes();
            }
        }
        return b;
    }

    private static double mapped(LayerResult l, String key) {
        String v = l.mapping().get(key);
        if (v == null) {
            throw new IllegalArgumentException(l.name() + " has no '" + key + "' (not a fused group?)");
        }
        return Double.parseDouble(v);
    }

    private static LayerResult find(NetworkResult r, String name) {
        for (LayerResult l : r.layers()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no layer or group named '" + name + "' in the result");
    }
}
