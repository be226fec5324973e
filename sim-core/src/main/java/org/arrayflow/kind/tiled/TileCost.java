package org.arrayflow.kind.tiled;

import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;

/**
 * Zhang's loop nest for one layer and one tiling, counted exactly (edge tiles included):
 * {@code for row-tile, col-tile, to (step Tm), ti (step Tn)}: load the Tn x in-rows x in-cols input tile
 * and the Tm x Tn x K x K weight tile, compute K·K·Tr·Tc cycles on the Tm x Tn engine, and store the
 * Tm x Tr x Tc output tile after the last ti. Outputs stay on chip across ti, so they leave once;
 * inputs are fetched once per output-channel block, weights once per spatial tile. Words are elements;
 * bytes follow from each tensor's datatype in {@code precision}. At a rate of r MACs per multiplier per cycle (the
 * layer's compute mode: two int8 products sharing their weight on one DSP slice) a multiplier takes r output pixels of
 * its tile per cycle, so an input-channel step takes K·K·ceil(Tr·Tc / r) cycles.
 *
 * @param rate            MACs one multiplier does per cycle in the layer's datatype
 * @param inputTileWords  the largest input tile (one buffer of the double-buffered pair), likewise weights and outputs
 */
public record TileCost(ConvShape shape, LoopTiling tiling, Precision precision, int rate, long computeCycles, long inputWords,
                       long weightWords, long outputWords, long inputTileWords, long weightTileWords,
                       long outputTileWords, long tiles) {

    public static TileCost of(ConvShape s, LoopTiling t, Precision precision) {
        return of(s, t, precision, 1);
    }

    public static TileCost of(ConvShape s, LoopTiling t, Precision precision, int rate) {
        int tr = Math.min(t.tr(), s.r());
        int tc = Math.min(t.tc(), s.c());
        long rowTiles = ceil(s.r(), tr);
        long colTiles = ceil(s.c(), tc);
        long toBlocks = ceil(s.m(), t.tm());
        long tiBlocks = ceil(s.n(), t.tn());
        long sumInRows = s.inputRowsSum(tr);
        long sumInCols = s.inputColsSum(tc);
        long inst = s.instances();
        long compute = inst * toBlocks * tiBlocks * stepCyclesOverTiles(s, tr, tc, rate);
        long input = inst * toBlocks * s.n() * sumInRows * sumInCols;
        long weight = inst * rowTiles * colTiles * s.weightWords();
        long output = inst * (long) s.m() * s.r() * s.c();
        int tn = Math.min(t.tn(), s.n());
        int tm = Math.min(t.tm(), s.m());
        return new TileCost(s, new LoopTiling(t.tm(), t.tn(), tr, tc), precision, rate, compute, input, weight, output,
                (long) tn * s.inputRowsMax(tr) * s.inputColsMax(tc), (long) tm * tn * s.kernelArea(), (long) tm * tr * tc,
                inst * rowTiles * colTiles * toBlocks * tiBlocks);
    }

    /**
     * One input-channel step's cycles summed over the output tiles of one (to, ti) block: full tiles and the edge
     * ones, each K·K·ceil(rows·cols / rate); at rate 1 exactly K·K·R·C.
     */
    private static long stepCyclesOverTiles(ConvShape s, int tr, int tc, int rate) {
        long k2 = s.kernelArea();
        if (rate == 1) {
            return k2 * s.r() * s.c();
        }
        long sum = 0;
        for (int[] rows : edges(s.r(), tr)) {
            for (int[] cols : edges(s.c(), tc)) {
                sum += (long) rows[1] * cols[1] * k2 * ceil((long) rows[0] * cols[0], rate);
            }
        }
        return sum;
    }

    /** Tile sizes along a dimension and how many of each: {size, count} for the full tiles and the ragged one. */
    private static int[][] edges(int total, int tile) {
        int full = total / tile;
        int rest = total - full * tile;
        return rest == 0 ? new int[][] {{tile, full}} : full == 0 ? new int[][] {{rest, 1}}
                : new int[][] {{tile, full}, {rest, 1}};
    }

    public long dramWords() {
        return inputWords + weightWords + outputWords;
    }

    public long dramBytes() {
        return stored(TiledProgram.DRAM, Tensor.IFMAP, inputWords) + stored(TiledProgram.DRAM, Tensor.WEIGHT, weightWords)
                + stored(TiledProgram.DRAM, Tensor.OFMAP, outputWords);
    }

    /** Elements of one input, one weight and one output tile together. */
    public long bufferWords() {
        return inputTileWords + weightTileWords + outputTileWords;
    }

    /** Double-buffered input, weight and output tiles. */
    public long bramBytes() {
        return 2 * (stored(TiledProgram.BRAM, Tensor.IFMAP, inputTileWords)
                + stored(TiledProgram.BRAM, Tensor.WEIGHT, weightTileWords)
                + stored(TiledProgram.BRAM, Tensor.OFMAP, outputTileWords));
    }

    /** Roofline time: compute and transfers overlap, so the slower of the two bounds the layer. */
    public double rooflineCycles(double bytesPerCycle) {
        return Math.max(computeCycles, dramBytes() / bytesPerCycle);
    }

    /**
     * A step-by-step estimate of the engine's time, for telling apart tiles of the same roofline: each input-channel
     * step computes K·K·Tr·Tc cycles while the one link brings the next step's input and weight tiles, and the step
     * that ends an output tile also carries that tile's store; a step takes the longer of the two. The first loads
     * and the last store overlap nothing. So a tile whose traffic comes in bursts near its compute (a large output
     * tile to store every few steps), or whose ends are long (the largest tile), estimates longer than the roofline
     * says, as the engine runs it. Full tiles throughout: edge tiles are counted at full size.
     */
    public double stepCycles(double bytesPerCycle) {
        long steps = ceil(shape.n(), tiling.tn());
        long outputTiles = tiles / steps;
        double c = (double) shape.kernelArea() * ceil((long) tiling.tr() * tiling.tc(), rate);
        double load = (stored(TiledProgram.DRAM, Tensor.IFMAP, inputTileWords)
                + stored(TiledProgram.DRAM, Tensor.WEIGHT, weightTileWords)) / bytesPerCycle;
        double store = stored(TiledProgram.DRAM, Tensor.OFMAP, outputTileWords) / bytesPerCycle;
        double perTile = (steps - 1) * Math.max(c, load) + Math.max(c, load + store);
        return load + outputTiles * perTile + store;
    }

    /** Computation-to-communication ratio in FLOP (2 per MAC) per DRAM byte. */
    public double ctcFlopsPerByte() {
        return 2.0 * shape.macs() / (double) dramBytes();
    }

    /**
     * Bytes of {@code words} dense elements of a tensor as a level stores them: compressed where the architecture
     * says so, and only the kept weights (with their indexes) where the engine skips the zeros.
     */
    private long stored(String level, Tensor t, long words) {
        org.arrayflow.tensor.Compression c = precision.compression(t);
        long elements = c != null && c.format() == org.arrayflow.tensor.Compression.Format.KEPT
                ? org.arrayflow.tensor.Sparse.nonZeros(precision.density(t), words) : words;
        return precision.bytesAt(level, t, elements);
    }

    static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
