package org.arrayflow.kind.tiled;

import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.engine.Access;
import org.arrayflow.engine.TileProgram;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A layer without MACs (pooling, element-wise, normalisation) streamed through BRAM in pieces: each piece
 * of the inputs is loaded, reduced by {@code lanes} element operations per cycle, and its outputs stored.
 * Pieces are sized so two of them (double buffering) take at most half the BRAM budget, and cut smaller where
 * that makes the pass shorter ({@link #bestPieces}).
 */
final class StreamPass {
    private StreamPass() {}

    static PlannedLayer build(TiledFusionArch arch, Layer layer, int lanes) {
        Precision pr = arch.precision(layer);
        long in = layer.inputWords();
        long out = layer.outputWords();
        // at least one input and one output element per piece
        long perPieceBudget = Math.max(pr.bytes(Tensor.IFMAP, 1) + pr.bytes(Tensor.OFMAP, 1), arch.onChipBytes() / 4);
        long bytes = pr.bytesAt(TiledProgram.DRAM, Tensor.IFMAP, in) + pr.bytesAt(TiledProgram.DRAM, Tensor.OFMAP, out);
        long ops = layer.vectorOps();
        long pieces = Math.max(Math.max(1, TiledProgram.ceil(bytes, perPieceBudget)),
                bestPieces(bytes / arch.sustainedDramBytesPerCycle(), (double) ops / lanes));
        pieces = Math.min(pieces, Math.max(1, Math.min(in, out)));
        long inPiece = TiledProgram.ceil(in, pieces);
        long outPiece = TiledProgram.ceil(out, pieces);
        TiledProgram tp = new TiledProgram(arch, 2 * pr.bytesAt(TiledProgram.BRAM, Tensor.IFMAP, inPiece),
                pr.bytes(Tensor.WEIGHT, 1),
                2 * pr.bytesAt(TiledProgram.BRAM, Tensor.OFMAP, outPiece));
        TileProgram p = tp.program();
        for (long i = 0; i < pieces; i++) {
            long iw = share(in, i, pieces);
            long ow = share(out, i, pieces);
            long op = share(ops, i, pieces);
            int ld = tp.load(pr, Tensor.IFMAP, TiledProgram.BUF_INPUT, iw);
            int comp = tp.compute(TiledProgram.ceil(op, lanes), 0, 1, 1);
            p.dependsOn(comp, ld);
            p.frees(comp, TiledProgram.BUF_INPUT, pr.bytesAt(TiledProgram.BRAM, Tensor.IFMAP, iw));
            p.allocates(comp, TiledProgram.BUF_OUTPUT, pr.bytesAt(TiledProgram.BRAM, Tensor.OFMAP, ow));
            p.counts(comp, TiledProgram.LEVEL_BRAM, Tensor.IFMAP.ordinal(), Access.READ, iw);
            p.counts(comp, TiledProgram.LEVEL_BRAM, Tensor.OFMAP.ordinal(), Access.WRITE, ow);
            tp.store(pr, Tensor.OFMAP, ow, comp, TiledProgram.BUF_OUTPUT, ow);
        }
        // insertion order: Map.of would iterate in an order that changes from one JVM run to the next
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pass", "streamed");
        m.put("pieces", String.valueOf(pieces));
        m.put("lanes", String.valueOf(lanes));
        return new PlannedLayer(p, TiledProgram.SRV_ENGINE, lanes, m);
    }

    /**
     * The piece count that makes the pass shortest, whatever the budget (the budget only sets a minimum, so a
     * larger one keeps the choice a smaller one had): with k pieces the pass takes about max(transfer, compute)
     * plus (transfer + compute) / k, as the first load and the last compute and store overlap with nothing, plus
     * about 2 cycles per piece (each load and store rounds up to whole cycles), least at sqrt((transfer +
     * compute) / 2). Until #17 the pieces were as large as a quarter of the budget allowed, so a larger BRAM
     * lengthened every pass: AlexNet's pool1 on fpga-vc707-zhang15 took 14,223 cycles with 192 KiB and 18,383
     * with 8 MiB (one piece).
     */
    static long bestPieces(double transferCycles, double computeCycles) {
        return Math.max(1, Math.round(Math.sqrt((transferCycles + computeCycles) / 2)));
    }

    static long share(long total, long p, long n) {
        return total / n + (p < total % n ? 1 : 0);
    }
}
