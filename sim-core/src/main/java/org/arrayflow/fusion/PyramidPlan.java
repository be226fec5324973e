package org.arrayflow.fusion;

import org.arrayflow.dataflow.MappingException;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Shape;
import org.arrayflow.workload.Window;

import java.util.List;

/**
 * The exact accounting of one fused group run as pyramids with a given output tile and strategy
 * (counts for the whole batch unless noted). Rows and columns trace independently ({@link Axis}), so a
 * pyramid's region at a level is its row interval times its column interval times the level's channels.
 *
 * <p>On-chip storage (words, one image at a time):
 * <ul>
 *   <li>recompute and block: every level's region of the largest pyramid is held at once
 *       (the group's input tile, each intermediate tile, the output tile);</li>
 *   <li>reuse: every level's new region of a steady-state pyramid, plus for each layer whose window
 *       overlaps (Keff &gt; S) a row cache of (Keff − S) rows across the full width of its input (for the
 *       next row of pyramids) and a column cache of (Keff − S) columns over the rows the pyramid's
 *       window spans (for the next pyramid in the row).</li>
 * </ul>
 * Weights are extra: resident (loaded once) when feature storage plus weights fit the budget, otherwise
 * streamed again for every pyramid. Counts are in elements (words); bytes follow from each level's datatype:
 * the group input at the first layer's ifmap type, every later level at its producer's ofmap type, weights at
 * each layer's weight type.
 */
public final class PyramidPlan {
    public final GroupChain chain;
    public final FusionStrategy strategy;
    public final int tileRows;
    public final int tileCols;
    final Axis rows;
    final Axis cols;
    public final long usefulMacs;
    public final long computedMacs;
    public final long inputLoadWords;
    public final long inputWords;
    public final long outputWords;
    public final long weightWords;
    public final long storageWords;
    public final long rowCacheWords;
    public final long colCacheWords;
    public final boolean weightsResident;
    public final long budgetBytes;
    private final List<Precision> precisions;
    private final long storageBytes;
    private final long weightBytes;

    /** @param precisions the datatypes of each layer of the group's tensors, in group order */
    public PyramidPlan(GroupChain chain, FusionStrategy strategy, int tileRows, int tileCols, List<Precision> precisions,
                       long budgetBytes) {
        this.chain = chain;
        this.strategy = strategy;
        this.precisions = List.copyOf(precisions);
        this.budgetBytes = budgetBytes;
        int n = chain.depth();
        Shape[] lv = chain.levels();
        Window[] w = chain.windows();
        int[] hs = new int[n + 1];
        int[] ws = new int[n + 1];
        int[] kh = new int[n];
        int[] kw = new int[n];
        int[] sh = new int[n];
        int[] sw = new int[n];
        int[] ph = new int[n];
        int[] pw = new int[n];
        for (int l = 0; l <= n; l++) {
            hs[l] = lv[l].height();
            ws[l] = lv[l].width();
        }
        for (int l = 0; l < n; l++) {
            kh[l] = w[l].dilation() * (w[l].kh() - 1) + 1;
            kw[l] = w[l].dilation() * (w[l].kw() - 1) + 1;
            sh[l] = w[l].sh();
            sw[l] = w[l].sw();
            ph[l] = w[l].ph();
            pw[l] = w[l].pw();
            if (strategy == FusionStrategy.BLOCK && ((long) hs[l + 1] * sh[l] != hs[l] || (long) ws[l + 1] * sw[l] != ws[l])) {
                throw new MappingException("block convolution needs layers whose output is their input divided by the"
                        + " stride (same padding); " + chain.layer(l).name() + " maps " + lv[l] + " to " + lv[l + 1]);
            }
        }
        this.tileRows = Math.max(1, Math.min(tileRows, hs[n]));
        this.tileCols = Math.max(1, Math.min(tileCols, ws[n]));
        rows = new Axis(hs, kh, sh, ph, this.tileRows, strategy);
        cols = new Axis(ws, kw, sw, pw, this.tileCols, strategy);
        long batch = chain.batch();

        long useful = 0;
        long computed = 0;
        long weights = 0;
        long wBytes = 0;
        for (int l = 0; l < n; l++) {
            Layer layer = chain.layer(l);
            useful += layer.macs();
            weights += layer.weights();
            wBytes += this.precisions.get(l).bytes(Tensor.WEIGHT, layer.weights());
            computed += rows.sumComputed(l + 1) * cols.sumComputed(l + 1) * macsPerPixel(layer) * batch;
        }
        usefulMacs = useful;
        computedMacs = computed;
        weightWords = weights;
        weightBytes = wBytes;
        inputLoadWords = rows.sumComputed(0) * cols.sumComputed(0) * lv[0].channels() * batch;
        inputWords = lv[0].elements() * batch;
        outputWords = lv[n].elements() * batch;

        // per level: the region a pyramid holds, and for reuse the row and column caches of the layer reading it
        long[] levelWords = new long[n + 1];
        long rowCache = 0;
        long colCache = 0;
        for (int l = 0; l <= n; l++) {
            long c = lv[l].channels();
            if (strategy == FusionStrategy.REUSE) {
                levelWords[l] = (long) rows.steadyComputed(l) * cols.steadyComputed(l) * c;
            } else {
                levelWords[l] = (long) rows.maxTraced(l) * cols.maxTraced(l) * c;
            }
        }
        if (strategy == FusionStrategy.REUSE) {
            for (int l = 0; l < n; l++) {
                long c = lv[l].channels();
                if (kh[l] > sh[l] && rows.tiles > 1) {
                    long words = (long) (kh[l] - sh[l]) * ws[l] * c;
                    rowCache += words;
                    levelWords[l] += words;
                }
                if (kw[l] > sw[l] && cols.tiles > 1) {
                    int window = Math.min(hs[l], (rows.steadyComputed(l + 1) - 1) * sh[l] + kh[l]);
                    long words = (long) (kw[l] - sw[l]) * window * c;
                    colCache += words;
                    levelWords[l] += words;
                }
            }
        }
        long storeWords = 0;
        long storeBytes = 0;
        for (int l = 0; l <= n; l++) {
            storeWords += levelWords[l];
            storeBytes += levelBytes(l, levelWords[l]);
        }
        rowCacheWords = rowCache;
        colCacheWords = colCache;
        storageWords = storeWords;
        storageBytes = storeBytes;
        weightsResident = storageBytes + weightBytes <= budgetBytes;
    }

    /** Pyramids along the rows and the columns of the last layer's output. */
    public int rowTiles() {
        return rows.tiles;
    }

    public int colTiles() {
        return cols.tiles;
    }

    /** Pixels pyramid (i, j) computes at a level (0: the group's input, l + 1: layer l's output), per channel. */
    public long computedPixels(int i, int j, int level) {
        return (long) rows.computed(i, level) * cols.computed(j, level);
    }

    /** Pixels computed at a level over all pyramids of one image, per channel (0: the group's input loads). */
    public long computedPixels(int level) {
        return rows.sumComputed(level) * cols.sumComputed(level);
    }

    /** Pixels of the region pyramid (i, j) covers at a level, per channel. */
    public long tracedPixels(int i, int j, int level) {
        return (long) rows.traced(i, level) * cols.traced(j, level);
    }

    /** MACs of one output pixel of a layer (all its output channels); 0 for pooling. */
    public static long macsPerPixel(Layer l) {
        if (l.kind() != LayerKind.CONV2D) {
            return 0;
        }
        Window w = l.window();
        return (long) l.output().channels() * (l.input().channels() / l.groups()) * w.area();
    }

    public long pyramids() {
        return (long) rows.tiles * cols.tiles;
    }

    public long extraMacs() {
        return computedMacs - usefulMacs;
    }

    /** Bytes of {@code words} elements of level {@code l}: the group's input at level 0, layer l - 1's output after. */
    private long levelBytes(int level, long words) {
        return level == 0 ? precisions.get(0).bytes(Tensor.IFMAP, words)
                : precisions.get(level - 1).bytes(Tensor.OFMAP, words);
    }

    public long storageBytes() {
        return storageBytes;
    }

    public boolean fits() {
        return storageBytes() <= budgetBytes;
    }

    /** On-chip bytes including resident weights. */
    public long onChipBytes() {
        return storageBytes() + (weightsResident ? weightBytes : 0);
    }

    /** Feature-map bytes between DRAM and chip: the input loads (with any re-loaded overlap) and the output. */
    public long featureDramBytes() {
        return levelBytes(0, inputLoadWords) + levelBytes(chain.depth(), outputWords);
    }

    /** Weights read from DRAM: once if resident, once per pyramid and image otherwise. */
    public long weightDramBytes() {
        long times = weightsResident ? 1 : pyramids() * chain.batch();
        return weightBytes * times;
    }

    public long dramBytes() {
        return featureDramBytes() + weightDramBytes();
    }

    /**
     * The unfused baseline, one pass per layer: every layer reads its whole input feature map once and
     * writes its whole output once (pooling layers too), plus the weights once.
     */
    public long unfusedOnePassBytes() {
        long bytes = weightBytes;
        for (int l = 0; l < chain.depth(); l++) {
            Precision p = precisions.get(l);
            bytes += p.bytes(Tensor.IFMAP, chain.layer(l).inputWords()) + p.bytes(Tensor.OFMAP, chain.layer(l).outputWords());
        }
        return bytes;
    }

    /** Same rule, feature maps only. */
    public long unfusedFeatureBytes() {
        return unfusedOnePassBytes() - weightBytes;
    }
}
