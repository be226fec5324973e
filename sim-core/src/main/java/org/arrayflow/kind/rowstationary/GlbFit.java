package org.arrayflow.kind.rowstationary;

import org.arrayflow.tensor.Tensor;

/** GLB capacity rules: the ifmap block, the psum block and one pass of filters fit their partitions. */
final class GlbFit {
    private GlbFit() {}

    static String violation(RsMapping mp, RsProblem pr, RowStationaryArch a) {
        long wb = a.wordBytes();
        long ifmap = mp.glbIfmapWords(pr) * wb;
        long psum = mp.glbPsumWords(pr) * wb;
        long filter = mp.passFilterWords(pr) * wb;
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
        long ifmap = mp.glbIfmapWords(pr);
        long psum = mp.glbPsumWords(pr);
        long filter = mp.passFilterWords(pr);
        for (RowStationaryArch.GlbPartition part : a.glb()) {
            long need = (part.holds().contains(Tensor.IFMAP) ? ifmap : 0) + (part.holds().contains(Tensor.PSUM) ? psum : 0)
                    + (part.holds().contains(Tensor.WEIGHT) ? filter : 0);
            if (need * a.wordBytes() > part.bytes()) {
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
            used += mp.glbIfmapWords(pr) * a.wordBytes();
        }
        if (part.holds().contains(Tensor.PSUM)) {
            used += mp.glbPsumWords(pr) * a.wordBytes();
        }
        return part.bytes() - used;
    }
}
