package org.arrayflow.kind.rowstationary;

import org.arrayflow.tensor.Tensor;

/** GLB capacity rules: the ifmap block, the psum block and one pass of filters fit their partitions. */
final class GlbFit {
    private GlbFit() {}

    static String violation(RsMapping mp, RsProblem pr, RowStationaryArch a) {
        long ifmap = pr.bytes(Tensor.IFMAP, mp.glbIfmapWords(pr));
        long psum = pr.bytes(Tensor.PSUM, mp.glbPsumWords(pr));
        long filter = pr.bytes(Tensor.WEIGHT, mp.passFilterWords(pr));
        for (RowStationaryArch.GlbPartition part : a.glb()) {
            long need = 0;
            if (part.holds().contains(Tensor.IFMAP)) {
                need += ifmap;
            }
            if (part.holds().contains(Tensor.PSUM)) {
                need += psum;
            }
            if (part.holds().contains(Tensor.WEIGHT)) {
                need += filter;
            }
            if (need > part.bytes()) {
                return "GLB partition " + part.name() + ": needs " + need + " B (ifmap " + ifmap + ", psum " + psum
                        + ", filters " + filter + " as held) but has " + part.bytes() + " B";
            }
        }
        return null;
    }

    static boolean fits(RsMapping mp, RsProblem pr, RowStationaryArch a) {
        long ifmap = pr.bytes(Tensor.IFMAP, mp.glbIfmapWords(pr));
        long psum = pr.bytes(Tensor.PSUM, mp.glbPsumWords(pr));
        long filter = pr.bytes(Tensor.WEIGHT, mp.passFilterWords(pr));
        for (RowStationaryArch.GlbPartition part : a.glb()) {
            long need = (part.holds().contains(Tensor.IFMAP) ? ifmap : 0) + (part.holds().contains(Tensor.PSUM) ? psum : 0)
                    + (part.holds().contains(Tensor.WEIGHT) ? filter : 0);
            if (need > part.bytes()) {
                return false;
            }
        }
        return true;
    }

    /** Bytes of the filter partition free for filter blocks (the fmap blocks take the rest of a shared partition). */
    static long filterSpace(RsMapping mp, RsProblem pr, RowStationaryArch a) {
        RowStationaryArch.GlbPartition part = a.glbFor(Tensor.WEIGHT);
        long used = 0;
        if (part.holds().contains(Tensor.IFMAP)) {
            used += pr.bytes(Tensor.IFMAP, mp.glbIfmapWords(pr));
        }
        if (part.holds().contains(Tensor.PSUM)) {
            used += pr.bytes(Tensor.PSUM, mp.glbPsumWords(pr));
        }
        return part.bytes() - used;
    }
}
