package org.arrayflow.study.tpu;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.arrayflow.arch.ArchKinds;
import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.Bundled;
import org.arrayflow.config.TreePath;
import org.arrayflow.config.YamlDocument;
import org.arrayflow.kind.systolic.SystolicArch;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The design studies of Jouppi et al., ISCA 2017, section 7, on a systolic chip (the bundled tpu-v1 by default):
 * the six applications' performance as one parameter scales from 0.25x to 4x (their Figure 11: memory bandwidth,
 * clock rate with and without accumulators scaled alike, matrix-unit dimension with and without accumulators scaled
 * by its square), and the revised TPU' (GDDR5 weight memory, a 1050 MHz clock, both). Each design is the chip's own
 * file with the named keys scaled, read and checked as if written so; speed-ups are of the simulated time of each
 * stand-in workload ({@code workloads/tpu/}), and the means are the paper's: weighted by the deployment mix of
 * Table 1 and geometric. Only the model moves between designs; nothing here is fitted to the paper's figures.
 */
public final class TpuWhatIf {
    /**
     * An application and its weight in the weighted mean: Table 1's mix is by family (MLPs 61 %, LSTMs 29 %, CNNs
     * 5 % of deployed inference), split evenly between the family's two applications here (the paper gives no split).
     */
    public record App(String name, String workload, String family, double weight) {}

    public static final List<App> APPS = List.of(new App("MLP0", "tpu/mlp0", "MLP", 30.5),
            new App("MLP1", "tpu/mlp1", "MLP", 30.5), new App("LSTM0", "tpu/lstm0", "LSTM", 14.5),
            new App("LSTM1", "tpu/lstm1", "LSTM", 14.5), new App("CNN0", "tpu/cnn0", "CNN", 2.5),
            new App("CNN1", "tpu/cnn1", "CNN", 2.5));

    /** Figure 11's series, in the paper's order. */
    public static final List<String> SERIES = List.of("memory", "clock+", "clock", "matrix+", "matrix");
    public static final List<Double> SCALES = List.of(0.25, 0.5, 1.0, 2.0, 4.0);

    /**
     * GDDR5 weight memory: "more than a factor of five" the bandwidth, moving the roofline's ridge from 1350 to
     * 250 MACs per weight byte, so 1350 / 250 = 5.4 times.
     */
    public static final double GDDR5 = 1350.0 / 250.0;
    /** TPU' clock: "might have increased the clock rate by 50 %", 700 to 1050 MHz. */
    public static final double FASTER_CLOCK = 1.5;

    /** A design: its name, the series and scale it stands for (null for TPU'), and the keys it multiplies. */
    public record Design(String name, String series, double scale, Map<String, Double> factors) {}

    /** A design's result: seconds and speed-up over the base chip per application, and their means. */
    public record Point(Design design, Map<String, Double> seconds, Map<String, Double> speedup) {
        public double weightedMean() {
            double sum = 0;
            double weights = 0;
            for (App a : APPS) {
                sum += a.weight() * speedup.get(a.name());
                weights += a.weight();
            }
            return sum / weights;
        }

        public double geometricMean() {
            return geometric(APPS);
        }

        /** Geometric mean over one family's applications (MLP, LSTM or CNN). */
        public double familyMean(String family) {
            return geometric(APPS.stream().filter(a -> a.family().equalsIgnoreCase(family)).toList());
        }

        private double geometric(List<App> apps) {
            double log = 0;
            for (App a : apps) {
                log += Math.log(speedup.get(a.name()));
            }
            return Math.exp(log / apps.size());
        }
    }

    private final String baseName;
    private final YamlDocument base;
    private final Map<String, String> key = new LinkedHashMap<>();
    private Map<String, Double> baseSeconds;

    /** The study on a systolic architecture (a bundled name or a path) with a DRAM, an accumulator and a weight buffer. */
    public TpuWhatIf(String arch) {
        Bundled.Source src = Bundled.resolve(Bundled.ARCH, arch);
        this.baseName = arch;
        this.base = YamlDocument.parse(src.displayName(), src.text());
        SystolicArch s = ArchKinds.require(ArchLoader.fromDocument(base), SystolicArch.class, "the TPU design study",
                src.displayName());
        key.put("bandwidth", "memory.dram.bandwidth_gb_s");
        key.put("clock", "clock_mhz");
        key.put("rows", "pe_array.rows");
        key.put("cols", "pe_array.cols");
        key.put("accumulators", "memory." + s.bufferFor(Tensor.PSUM).name() + ".size_kib");
        key.put("weights", "memory." + s.bufferFor(Tensor.WEIGHT).name() + ".size_kib");
        if (base.root().path("vector_unit").has("lanes")) {
            key.put("lanes", "vector_unit.lanes");
        }
    }

    public String arch() {
        return baseName;
    }

    /** Figure 11's designs: every series at every scale but 1x. */
    public List<Design> figure11() {
        List<Design> out = new ArrayList<>();
        for (String s : SERIES) {
            for (double x : SCALES) {
                if (x != 1.0) {
                    out.add(design(s, x));
                }
            }
        }
        return out;
    }

    /** The revised TPU' designs of section 7. */
    public List<Design> tpuPrime() {
        return List.of(new Design("gddr5", null, 0, Map.of(key.get("bandwidth"), GDDR5)),
                new Design("clock x1.5", null, 0, Map.of(key.get("clock"), FASTER_CLOCK)),
                new Design("gddr5 + clock x1.5", null, 0, Map.of(key.get("bandwidth"), GDDR5, key.get("clock"), FASTER_CLOCK)));
    }

    /**
     * One of Figure 11's designs. The matrix unit's datapaths widen with it (vector lanes, where stated) and its
     * weight buffer keeps the same number of tiles (it grows with the tile, the square of the dimension); its
     * accumulators grow with the clock in clock+ and with the square of the dimension in matrix+, as the paper has.
     */
    public Design design(String series, double x) {
        Map<String, Double> f = new LinkedHashMap<>();
        switch (series) {
            case "memory" -> f.put(key.get("bandwidth"), x);
            case "clock", "clock+" -> {
                f.put(key.get("clock"), x);
                if (series.equals("clock+")) {
                    f.put(key.get("accumulators"), x);
                }
            }
            case "matrix", "matrix+" -> {
                f.put(key.get("rows"), x);
                f.put(key.get("cols"), x);
                f.put(key.get("weights"), x * x);
                if (key.containsKey("lanes")) {
                    f.put(key.get("lanes"), x);
                }
                if (series.equals("matrix+")) {
                    f.put(key.get("accumulators"), x * x);
                }
            }
            default -> throw new IllegalArgumentException("unknown series '" + series + "' (known: " + SERIES + ")");
        }
        return new Design(series + " x" + trim(x), series, x, f);
    }

    /** Every design by name: Figure 11's and TPU''s. */
    public Map<String, Design> designs() {
        Map<String, Design> out = new LinkedHashMap<>();
        figure11().forEach(d -> out.put(d.name(), d));
        tpuPrime().forEach(d -> out.put(d.name(), d));
        return out;
    }

    /** The chip of a design: its file with the design's keys multiplied. */
    public Architecture arch(Design d) {
        ObjectNode root = (ObjectNode) base.root().deepCopy();
        for (Map.Entry<String, Double> e : d.factors().entrySet()) {
            List<String> path = List.of(e.getKey().split("\\."));
            double v = TreePath.get(root, path).asDouble() * e.getValue();
            // a whole product stays an integer (rows and columns must be); the schema refuses a fractional one
            TreePath.set(root, path, v == Math.rint(v) && Math.abs(v) < 1e15 ? LongNode.valueOf((long) v)
                    : DoubleNode.valueOf(v));
        }
        return ArchLoader.fromDocument(base.withRoot(root));
    }

    public Point run(Design d) {
        Map<String, Double> b = baseSeconds();
        Map<String, Double> s = seconds(arch(d));
        Map<String, Double> up = new LinkedHashMap<>();
        for (App a : APPS) {
            up.put(a.name(), b.get(a.name()) / s.get(a.name()));
        }
        return new Point(d, s, up);
    }

    /** The base chip's seconds per application. */
    public Map<String, Double> baseSeconds() {
        if (baseSeconds == null) {
            baseSeconds = seconds(ArchLoader.fromDocument(base));
        }
        return baseSeconds;
    }

    private static Map<String, Double> seconds(Architecture arch) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (App a : APPS) {
            Network n = WorkloadLoader.load(a.workload(), 0);
            out.put(a.name(), Pipeline.simulate(arch, n).seconds());
        }
        return out;
    }

    /**
     * The paper's worked example of fragmentation: LSTM1's 600 x 600 matrix (at its batch of 96) on the chip and on
     * the chip with a matrix unit {@code x} times as wide, in microseconds (the paper: 9 steps, 18 us on 256 x 256;
     * 4 steps, 32 us on 512 x 512).
     */
    public double fragmentationMicros(double x) {
        Network n = WorkloadLoader.parse("lstm1-600x600", """
                format: arrayflow-workload/1
                name: lstm1-600x600
                batch: 96
                input: {channels: 600, height: 1, width: 1}
                layers:
                  - {name: fc, type: fc, outputs: 600}
                """, 0);
        Architecture a = x == 1.0 ? ArchLoader.fromDocument(base) : arch(design("matrix", x));
        return Pipeline.simulate(a, n).seconds() * 1e6;
    }

    static String trim(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
