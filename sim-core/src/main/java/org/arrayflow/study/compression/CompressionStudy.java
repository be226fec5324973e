package org.arrayflow.study.compression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.Bundled;
import org.arrayflow.config.TreePath;
import org.arrayflow.config.YamlDocument;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.transform.Transform;
import org.arrayflow.transform.TransformSyntax;
import org.arrayflow.transform.Transforms;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each compression step buys on a chip: a network run dense in fp16, then in int8, pruned to Han et al.'s
 * per-layer densities (NIPS 2015), pruned and int8, and pruned to 2:4 in int8. Every step is a list of
 * transforms on the same network, so the differences between steps are the tool's model of what the chip
 * makes of datatypes and densities, nothing else. Accuracy is not simulated.
 *
 * <p>The three chips, one of each kind, are the bundled ones with what-if datatype and sparsity support stated here
 * (none multiplies fp16 and int8 both; none has a sparse mode): eyeriss-v1 with fp16 and int8 modes at one MAC per PE
 * per cycle, its zero gating on ifmaps and a 2:4 structured mode, tpu-v1 with fp16 and int8 modes at one MAC per PE
 * per cycle and a 2:4 structured mode, Zhang's FPGA engine (fp32) with fp16 and int8 at its fp32 rate and a 2:4
 * structured mode; every 2:4 mode with 2-bit metadata (A100's).
 */
public final class CompressionStudy {
    private CompressionStudy() {}

    /**
     * A step: its name, the step it is compared with (the one it adds one change to; null for the baseline),
     * and the transforms that make it from the network as written.
     */
    public record Step(String name, String from, List<Transform> transforms) {}

    /** One run: a chip, a network, a step and what the simulation gave. */
    public record Point(String arch, String workload, Step step, NetworkResult result) {}

    /** The networks the study runs, with the pruning densities of Han et al. (NIPS 2015) for each. */
    public static final Map<String, String> HAN_DENSITIES = Map.of(
            // Table 2 (AlexNet): 61 M -> 6.7 M weights, 9x; checked by validation/han15-alexnet-pruned.yaml
            "alexnet", "conv1=0.84,conv2=0.38,conv3=0.35,conv4=0.37,conv5=0.37,fc6=0.09,fc7=0.09,fc8=0.25",
            // Table 4 (VGG-16), second-hand: these give 10.5 M of 138 M weights, 13.1x, against the paper's
            // 10.3 M and 13x (validation/han15-vgg16-pruned.yaml)
            "vgg16", "conv1_1=0.58,conv1_2=0.22,conv2_1=0.34,conv2_2=0.36,conv3_1=0.53,conv3_2=0.24,conv3_3=0.42,"
                    + "conv4_1=0.32,conv4_2=0.27,conv4_3=0.34,conv5_1=0.35,conv5_2=0.29,conv5_3=0.36,fc6=0.04,"
                    + "fc7=0.04,fc8=0.23");

    public static final List<String> WORKLOADS = List.of("alexnet", "vgg16");
    public static final List<String> ARCHS = List.of("eyeriss-v1", "tpu-v1", "fpga-vc707-zhang15");

    private static final String FP16 = "quantize:ifmap=fp16,weight=fp16,ofmap=fp16,psum=fp32";
    private static final String INT8 = "quantize:ifmap=int8,weight=int8,ofmap=int8,psum=int32";

    /** The five steps for a network with published densities. */
    public static List<Step> steps(String workload) {
        String han = "prune:" + HAN_DENSITIES.get(workload);
        return List.of(step("dense fp16", null, FP16), step("int8", "dense fp16", INT8),
                step("pruned fp16", "dense fp16", FP16, han), step("pruned int8", "int8", INT8, han),
                step("2:4 int8", "int8", INT8, "prune:*=2:4"));
    }

    private static Step step(String name, String from, String... transforms) {
        List<Transform> t = new ArrayList<>();
        for (String s : transforms) {
            t.add(TransformSyntax.parse(s, "compression study"));
        }
        return new Step(name, from, t);
    }

    /** What the study adds to a bundled chip: the datatypes and sparsity support it is run with. */
    public static String whatIf(String arch) {
        return switch (arch) {
            case "eyeriss-v1" -> "datatypes: {fp16: {}, int8: {}}\n"
                    + "sparsity: {zero_gating: [ifmap], structured: {pattern: \"2:4\", metadata_bits: 2}}\n";
            case "tpu-v1" -> "datatypes: {int8: {}, fp16: {}}\n"
                    + "sparsity: {structured: {pattern: \"2:4\", metadata_bits: 2}}\n";
            // the published engine computes in fp32 only: its MAC units get fp16 and int8 at the same rate
            case "fpga-vc707-zhang15" -> "datatypes: {fp32: {}, fp16: {}, int8: {}}\n"
                    + "sparsity: {structured: {pattern: \"2:4\", metadata_bits: 2}}\n";
            default -> throw new IllegalArgumentException("no compression what-if for " + arch);
        };
    }

    /**
     * The chip as the study runs it: the bundled file with each top-level entry of {@link #whatIf} set in its parsed
     * tree (replacing the file's own, as the FPGA's {@code datatypes:}), loaded as if written so.
     */
    public static Architecture arch(String name) {
        Bundled.Source src = Bundled.resolve(Bundled.ARCH, name);
        YamlDocument base = YamlDocument.parse(src.displayName(), src.text());
        ObjectNode root = (ObjectNode) base.root().deepCopy();
        JsonNode what = YamlDocument.parse(name + " compression what-if", whatIf(name)).root();
        what.fieldNames().forEachRemaining(k -> TreePath.set(root, List.of(k), what.get(k)));
        return ArchLoader.fromDocument(base.withRoot(root));
    }

    /** Every chip, network and step, in that order. */
    public static List<Point> run(List<String> archs, List<String> workloads) {
        List<Point> out = new ArrayList<>();
        for (String a : archs) {
            Architecture arch = arch(a);
            for (String w : workloads) {
                Network net = WorkloadLoader.load(w, 1);
                for (Step s : steps(w)) {
                    Network n = Transforms.apply(net, s.transforms()).after();
                    out.add(new Point(a, w, s, Pipeline.simulate(arch, n)));
                }
            }
        }
        return out;
    }
}
