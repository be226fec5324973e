package org.arrayflow.kind.systolic;

import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.engine.Access;
import org.arrayflow.engine.TileProgram;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;

/**
 * Pooling, element-wise and normalisation layers on the vector unit ({@code lanes} element operations
 * per cycle, as the TPU's activation and pooling units beside the matrix unit). Inputs not on chip are
 * streamed from DRAM through the ifmap buffer in pieces of at most half its free space; outputs are
 * written to the ofmap buffer and, unless kept on chip, to DRAM. Each input word is read once (line
 * buffers cover window overlap). The piece count is set by the buffers alone, so every piece fits even when
 * there are more pieces than outputs (a global pooling through a small buffer); such pieces write nothing.
 */
final class VectorPass {
    private final SystolicArch arch;
    private final SystolicPlanner planner;
    private final Layer layer;
    private final LayerContext ctx;

    VectorPass(SystolicArch arch, SystolicPlanner planner, Layer layer, LayerContext ctx) {
        this.arch = arch;
        this.planner = planner;
        this.layer = layer;
        this.ctx = ctx;
    }

    PlannedLayer plan() {
        Precision pr = arch.precision(layer);
        int ifB = arch.bufferIndex(arch.bufferFor(Tensor.IFMAP));
        int oB = arch.bufferIndex(arch.bufferFor(Tensor.OFMAP));
        String ifLevel = arch.bufferFor(Tensor.IFMAP).name();
        String oLevel = arch.bufferFor(Tensor.OFMAP).name();
        long reserved = ctx.keepOutput() ? pr.bytesAt(oLevel, Tensor.OFMAP, layer.outputWords()) : 0;
        long[] cap = planner.usableBytes(ctx, reserved);
        TileProgram program = planner.newProgram(cap, false);
        DramPorts ports = planner.ports();

        long inWordsOffChip = 0;
        long inWordsTotal = 0;
        for (int i = 0; i < layer.inputShapes().size(); i++) {
            long w = layer.readWords(i);
            inWordsTotal += w;
            if (!ctx.inputOnChip(i)) {
                inWordsOffChip += w;
            }
        }
        long outWords = layer.outputWords();
        long inHalf = Math.max(1, cap[ifB] / 2);
        long pieces = Math.max(1, ceilDiv(pr.bytesAt(ifLevel, Tensor.IFMAP, inWordsOffChip), inHalf));
        if (!ctx.keepOutput()) {
            pieces = Math.max(pieces, ceilDiv(pr.bytesAt(oLevel, Tensor.OFMAP, outWords), Math.max(1, cap[oB] / 2)));
        }
        long cycles = ceilDiv(layer.vectorOps(), arch.vectorLanes());
        for (long p = 0; p < pieces; p++) {
            long inW = FoldPlan.share(inWordsOffChip, p, pieces);
            int load = -1;
            if (inW > 0) {
                load = program.add(ports.loadQueue(Tensor.IFMAP), ports.link(Tensor.IFMAP),
                        pr.bytesAt("dram", Tensor.IFMAP, inW), 0, 0);
                program.allocates(load, ifB, pr.bytesAt(ifLevel, Tensor.IFMAP, inW));
                program.counts(load, 0, Tensor.IFMAP.ordinal(), Access.READ, inW);
                program.counts(load, ifB + 1, Tensor.IFMAP.ordinal(), Access.FILL, inW);
            }
            int comp = program.add(SystolicPlanner.Q_COMPUTE, ports.vector(), FoldPlan.share(cycles, p, pieces),
                    0, 0);
            program.dependsOn(comp, load);
            program.frees(comp, ifB, pr.bytesAt(ifLevel, Tensor.IFMAP, inW));
            long outW = FoldPlan.share(outWords, p, pieces);
            program.counts(comp, ifB + 1, Tensor.IFMAP.ordinal(), Access.READ, FoldPlan.share(inWordsTotal, p, pieces));
            program.counts(comp, oB + 1, Tensor.OFMAP.ordinal(), Access.WRITE, outW);
            if (!ctx.keepOutput() && outW > 0) {
                program.allocates(comp, oB, pr.bytesAt(oLevel, Tensor.OFMAP, outW));
                int st = program.add(ports.storeQueue(), ports.link(Tensor.OFMAP),
                        pr.bytesAt("dram", Tensor.OFMAP, outW), 0, 0);
                program.dependsOn(st, comp);
                program.frees(st, oB, pr.bytesAt(oLevel, Tensor.OFMAP, outW));
                program.counts(st, 0, Tensor.OFMAP.ordinal(), Access.WRITE, outW);
                program.counts(st, oB + 1, Tensor.OFMAP.ordinal(), Access.DRAIN, outW);
            }
        }
        return new PlannedLayer(program, ports.vector(), arch.vectorLanes(),
                SystolicPlanner.mapping("unit", "vector", "lanes", arch.vectorLanes(), "pieces", pieces,
                        "vector_ops", layer.vectorOps()));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
