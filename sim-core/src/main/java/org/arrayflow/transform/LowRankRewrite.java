package org.arrayflow.transform;

import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.tensor.TensorSpec;
import org.arrayflow.tensor.TensorSpecs;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerException;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Layers;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.Problem;
import org.arrayflow.workload.Window;
import org.arrayflow.workload.WorkloadFusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code low_rank}: replaces each layer it matches by its factors, built with {@link Layers} like any layer
 * read from a file. An fc layer of K inputs and N outputs at rank r becomes {@code NAME_svd1} (fc, K -> r) and
 * {@code NAME_svd2} (fc, r -> N), as the bundled vgg16-svd names fc6's; linear and gemm layers likewise. A
 * convolution C -> M with a k x k window at ranks (r_in, r_out) becomes {@code NAME_tucker1} (1 x 1, C -> r_in),
 * {@code NAME_tucker2} (k x k, r_in -> r_out, the original stride, padding and dilation) and
 * {@code NAME_tucker3} (1 x 1, r_out -> M). The last factor has the layer's output, so later layers read it in
 * its place; fused groups that began or ended at the layer begin at its first factor or end at its last.
 */
final class LowRankRewrite {
    private LowRankRewrite() {}

    static Network apply(Network net, Transform.LowRank lr, List<Changes.LayerChange> changes) {
        Transform.Target<Transform.Rank>[] chosen = Transforms.choose(net, lr.targets(), LowRankRewrite::factorable,
                "cannot be factorised: low_rank takes fc, linear and gemm layers (SVD) and convolutions of one "
                        + "group (Tucker-2)");
        Set<String> names = new HashSet<>();
        net.layers().forEach(l -> names.add(l.name()));
        List<Layer> out = new ArrayList<>();
        Map<String, String> firstOf = new HashMap<>();
        Map<String, String> lastOf = new HashMap<>();
        for (int i = 0; i < net.layers().size(); i++) {
            Layer l = net.layers().get(i);
            if (chosen[i] == null) {
                out.add(l);
                continue;
            }
            Transform.Target<Transform.Rank> t = chosen[i];
            List<Layer> parts;
            String what;
            try {
                if (l.kind() == LayerKind.CONV2D) {
                    int[] r = tuckerRanks(l, t);
                    parts = tucker(l, r[0], r[1]);
                    what = "Tucker-2 ranks " + r[0] + "x" + r[1] + ": " + describe(parts);
                } else {
                    int r = svdRank(l, t);
                    parts = svd(l, r);
                    what = "SVD rank " + r + ": " + describe(parts);
                }
            } catch (LayerException e) {
                throw t.origin().error("layer '" + l.name() + "' cannot be factorised: " + e.getMessage());
            }
            for (Layer p : parts) {
                if (!names.add(p.name())) {
                    throw t.origin().error("layer '" + l.name() + "' would become '" + p.name() + "', a name the "
                            + "workload already uses: rename that layer");
                }
            }
            changes.add(new Changes.LayerChange(l, parts, what));
            firstOf.put(l.name(), parts.get(0).name());
            lastOf.put(l.name(), parts.get(parts.size() - 1).name());
            out.addAll(parts);
        }
        List<Layer> wired = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Layer l = out.get(i);
            List<String> inputs = new ArrayList<>();
            for (String in : l.inputs()) {
                inputs.add(lastOf.getOrDefault(in, in));
            }
            wired.add(new Layer(i, l.name(), l.kind(), inputs, l.inputShapes(), l.output(), l.batch(), l.window(),
                    l.problem(), l.vectorOps(), l.constants(), l.tensors()));
        }
        return new Network(net.name(), net.source(), net.batch(), net.input(), wired, fusion(net.fusion(), firstOf,
                lastOf));
    }

    /** fc, linear and gemm layers; convolutions of one group. */
    static boolean factorable(Layer l) {
        switch (l.kind()) {
            case FC:
            case LINEAR:
            case GEMM:
                return true;
            case CONV2D:
                return l.groups() == 1;
            default:
                return false;
        }
    }

    /** Inputs of one output of a matrix layer (the K of its GEMM): C x H x W for fc, C for linear and gemm. */
    private static long depth(Layer l) {
        Problem p = l.problem();
        return l.kind() == LayerKind.FC ? (long) p.c() * p.h() * p.w() : p.c();
    }

    private static int svdRank(Layer l, Transform.Target<Transform.Rank> t) {
        Transform.Rank rank = t.value();
        long k = depth(l);
        int n = l.problem().k();
        long max = Math.min(k, n);
        if (rank.pair()) {
            throw t.origin().error("layer '" + l.name() + "' (" + l.kind().yamlName() + ") is factorised by SVD and "
                    + "takes one rank, not " + rank.text() + " (two ranks are a convolution's Tucker-2); give a rank "
                    + "from 1 to " + max);
        }
        int r = rank.resolve(rank.in(), max);
        if (r > max) {
            throw t.origin().error("rank " + r + " is larger than layer '" + l.name() + "' (" + l.kind().yamlName()
                    + " " + k + " -> " + n + ") allows: at most min(" + k + ", " + n + ") = " + max + "; give a rank "
                    + "from 1 to " + max + ", or a fraction of it such as 0.25");
        }
        return r;
    }

    private static int[] tuckerRanks(Layer l, Transform.Target<Transform.Rank> t) {
        Transform.Rank rank = t.value();
        int c = l.problem().c();
        int m = l.problem().k();
        int rin = rank.resolve(rank.in(), c);
        int rout = rank.resolve(rank.out(), m);
        if (rin > c || rout > m) {
            throw t.origin().error("ranks " + rin + "x" + rout + " are larger than layer '" + l.name() + "' (conv2d "
                    + c + " -> " + m + ") allows: the input rank at most " + c + " (its input channels), the output "
                    + "rank at most " + m + " (its filters); give ranks such as " + Math.min(rin, c) + "x"
                    + Math.min(rout, m) + ", or a fraction such as 0.25");
        }
        return new int[] {rin, rout};
    }

    private static List<Layer> svd(Layer l, int r) {
        String a = l.name() + "_svd1";
        String b = l.name() + "_svd2";
        Problem p = l.problem();
        Layer first;
        Layer second;
        switch (l.kind()) {
            case FC:
                first = Layers.fc(l.index(), a, l.inputs(), l.input(), l.batch(), r);
                second = Layers.fc(l.index(), b, List.of(a), first.output(), l.batch(), p.k());
                break;
            case LINEAR:
                first = Layers.linear(l.index(), a, l.inputs(), l.input(), l.batch(), r);
                second = Layers.linear(l.index(), b, List.of(a), first.output(), l.batch(), p.k());
                break;
            default: // gemm: m x k times k x r, then m x r times r x n
                first = Layers.gemm(l.index(), a, l.inputs(), l.batch(), p.w(), p.c(), r);
                second = Layers.gemm(l.index(), b, List.of(a), l.batch(), p.w(), r, p.k());
                break;
        }
        TensorSpecs t = factorTensors(l);
        return List.of(first.withTensors(t), second.withTensors(t));
    }

    private static List<Layer> tucker(Layer l, int rin, int rout) {
        String a = l.name() + "_tucker1";
        String b = l.name() + "_tucker2";
        String c = l.name() + "_tucker3";
        Layer first = Layers.conv2d(l.index(), a, l.inputs(), l.input(), l.batch(), rin, Window.POINT, 1);
        Layer core = Layers.conv2d(l.index(), b, List.of(a), first.output(), l.batch(), rout, l.window(), 1,
                l.output().height(), l.output().width());
        Layer last = Layers.conv2d(l.index(), c, List.of(b), core.output(), l.batch(), l.problem().k(), Window.POINT, 1);
        TensorSpecs t = factorTensors(l);
        return List.of(first.withTensors(t), core.withTensors(t), last.withTensors(t));
    }

    /**
     * The factors' tensors: the layer's datatypes, but dense weights. Factors are new matrices (an SVD or a
     * Tucker core of pruned weights is dense), so a pruning stated before the factorisation does not carry
     * over; prune the factors after it to state theirs.
     */
    private static TensorSpecs factorTensors(Layer l) {
        TensorSpec w = l.tensors().get(Tensor.WEIGHT);
        return w.density().dense() ? l.tensors() : l.tensors().with(Tensor.WEIGHT, new TensorSpec(w.datatype(), Density.DENSE));
    }

    /** {@code 25088->500, 500->4096} for SVD factors; {@code 1x1 256->64, 3x3 64->128, ...} for Tucker-2. */
    private static String describe(List<Layer> parts) {
        List<String> out = new ArrayList<>();
        for (Layer p : parts) {
            String kernel = p.kind() == LayerKind.CONV2D ? p.problem().r() + "x" + p.problem().s() + " " : "";
            out.add(kernel + depth(p) + "->" + p.problem().k());
        }
        return String.join(", ", out);
    }

    private static WorkloadFusion fusion(WorkloadFusion f, Map<String, String> firstOf, Map<String, String> lastOf) {
        if (f.groups().isEmpty() || firstOf.isEmpty()) {
            return f;
        }
        List<String> groups = new ArrayList<>();
        for (String g : f.groups()) {
            String[] ends = g.split("\\.\\.");
            String first = firstOf.getOrDefault(ends[0], ends[0]);
            String last = lastOf.getOrDefault(ends[ends.length - 1], ends[ends.length - 1]);
            groups.add(first.equals(last) ? first : first + ".." + last);
        }
        return new WorkloadFusion(groups, f.strategy());
    }
}
