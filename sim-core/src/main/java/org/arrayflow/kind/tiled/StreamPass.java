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
 * Pieces are sized so two of them (double buffering) take at most half the BRAM budget.
 */
final class StreamPass {
    private StreamPass() {}

    static PlannedLayer build(TiledFusionArch arch, Layer layer, int lanes) {
        Precision pr = arch.precision(layer);
        long in = layer.inputWords();
        long out = layer.outputWords();
        // at least one input and one output element per piece
        long perPieceBudget = Math.max(pr.bytes(Tensor.IFMAP, 1) + pr.bytes(Tensor.OFMAP, 1), arch.onChipBytes() / 4);
        long pieces = Math.max(1, TiledProgram.ceil(pr.bytes(Tensor.IFMAP, in) + pr.bytes(Tensor.OFMAP, out),
                perPieceBudget));
        pieces = Math.min(pieces, Math.max(1, Math.min(in, out)));
        long inPiece = TiledProgram.ceil(in, pieces);
        long outPiece = TiledProgram.ceil(out, pieces);
        TiledProgram tp = new TiledProgram(arch, 2 * pr.bytes(Tensor.IFMAP, inPiece), pr.bytes(Tensor.WEIGHT, 1),
                2 * pr.bytes(Tensor.OFMAP, outPiece));
        TileProgram p = tp.program();
        long ops = layer.vectorOps();
        for (long i = 0; i < pieces; i++) {
            long iw = share(in, i, pieces);
            long ow = share(out, i, pieces);
            long op = share(ops, i, pieces);
            int ld = tp.load(pr, Tensor.IFMAP, TiledProgram.BUF_INPUT, iw);
            int comp = tp.compute(TiledProgram.ceil(op, lanes), 0, 1, 1);
            p.dependsOn(comp, ld);
            p.frees(comp, TiledProgram.BUF_INPUT, pr.bytes(Tensor.IFMAP, iw));
            p.allocates(comp, TiledProgram.BUF_OUTPUT, pr.bytes(Tensor.OFMAP, ow));
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

    static long share(long total, long p, long n) {
        return total / n + (p < total % n ? 1 : 0);
    }
}
