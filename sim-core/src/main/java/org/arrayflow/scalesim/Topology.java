package org.arrayflow.scalesim;

import org.arrayflow.config.Bundled;
import org.arrayflow.config.ConfigException;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerException;
import org.arrayflow.workload.Layers;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.Shape;
import org.arrayflow.workload.Window;
import org.arrayflow.workload.WorkloadLoader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A SCALE-Sim topology CSV turned into a {@link Network} with SCALE-Sim's conventions: batch 1, no
 * padding, output size {@code ceil((H - Fh + S) / S)} (one more row or column than a real convolution
 * when the stride does not divide {@code H - Fh}), every layer independent (reads from DRAM, writes to DRAM).
 *
 * <p>Conv rows: name, IFMAP height, IFMAP width, filter height, filter width, channels, num filters,
 * stride (extra trailing columns are ignored). GEMM rows: name, M, N, K. The first line is a header;
 * blank lines are skipped. A trailing comma is optional here (SCALE-Sim needs one).
 */
public final class Topology {
    /** Which kind of rows a topology file holds. */
    public enum Format { CONV, GEMM }

    private Topology() {}

    public static boolean isTopologyFile(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** Loads a topology; {@code format} null means: GEMM if the header's second to fourth columns are M, N, K. */
    public static Network load(String path, Format format) {
        return parse(path, Bundled.resolve(Bundled.WORKLOAD, path).text(), format);
    }

    public static Network parse(String file, String text, Format format) {
        String[] lines = text.split("\r?\n", -1);
        int headerLine = -1;
        List<Layer> layers = new ArrayList<>();
        Network.Totals totals = Network.Totals.NONE;
        String name = baseName(file);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> fields = fields(lines[i]);
            if (headerLine < 0) {
                headerLine = i;
                if (format == null) {
                    format = looksLikeGemm(fields) ? Format.GEMM : Format.CONV;
                }
                continue;
            }
            Layer layer = format == Format.GEMM ? gemm(file, i + 1, layers.size(), fields)
                    : conv(file, i + 1, layers.size(), fields);
            try {
                totals = totals.plus(layer);
            } catch (LayerException e) {
                throw new ConfigException(file, i + 1, 1, "", e.getMessage());
            }
            layers.add(layer);
        }
        if (layers.isEmpty()) {
            throw ConfigException.of(file, "no layer rows after the header line");
        }
        return new Network(name, file, 1, layers.get(0).input(), layers);
    }

    private static boolean looksLikeGemm(List<String> header) {
        return header.size() >= 4 && header.get(1).equalsIgnoreCase("M") && header.get(2).equalsIgnoreCase("N")
                && header.get(3).equalsIgnoreCase("K");
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        for (String f : line.split(",", -1)) {
            out.add(f.strip());
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static Layer conv(String file, int line, int index, List<String> f) {
        if (f.size() < 8) {
            throw new ConfigException(file, line, 1, "", "a conv row needs 8 fields (name, IFMAP height, IFMAP width, "
                    + "filter height, filter width, channels, num filters, stride), got " + f.size());
        }
        String name = f.get(0);
        int h = intField(file, line, f, 1, "IFMAP height");
        int w = intField(file, line, f, 2, "IFMAP width");
        int fh = intField(file, line, f, 3, "filter height");
        int fw = intField(file, line, f, 4, "filter width");
        int c = intField(file, line, f, 5, "channels");
        int nf = intField(file, line, f, 6, "num filters");
        int s = intField(file, line, f, 7, "stride");
        if (fh > h || fw > w) {
            throw new ConfigException(file, line, 1, "", "layer '" + name + "': filter " + fh + "x" + fw
                    + " is larger than the " + h + "x" + w + " ifmap");
        }
        try {
            return Layers.conv2d(index, name, List.of(WorkloadLoader.INPUT), new Shape(c, h, w), 1, nf,
                    new Window(fh, fw, s, s, 0, 0, 1), 1, outSize(h, fh, s), outSize(w, fw, s));
        } catch (LayerException e) {
            throw new ConfigException(file, line, 1, "", e.getMessage());
        }
    }

    /** SCALE-Sim's output size: ceil((H - F + S) / S), with no padding. */
    public static int outSize(int h, int f, int s) {
        return (int) (((long) h - f + 2L * s - 1) / s); // in longs: a stride near the int limit must not wrap
    }

    private static Layer gemm(String file, int line, int index, List<String> f) {
        if (f.size() < 4) {
            throw new ConfigException(file, line, 1, "", "a GEMM row needs 4 fields (name, M, N, K), got " + f.size());
        }
        String name = f.get(0);
        int m = intField(file, line, f, 1, "M");
        int n = intField(file, line, f, 2, "N");
        int k = intField(file, line, f, 3, "K");
        try {
            return Layers.gemm(index, name, List.of(WorkloadLoader.INPUT), 1, m, k, n);
        } catch (LayerException e) {
            throw new ConfigException(file, line, 1, "", e.getMessage());
        }
    }

    private static int intField(String file, int line, List<String> f, int i, String what) {
        try {
            int v = Integer.parseInt(f.get(i));
            if (v <= 0) {
                throw new ConfigException(file, line, 1, "", what + " must be positive, got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(file, line, 1, "", what + ": '" + f.get(i) + "' is not an integer");
        }
    }

    private static String baseName(String file) {
        String n = file.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        return n.toLowerCase(Locale.ROOT).endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
    }
}
