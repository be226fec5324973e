package org.arrayflow.sweep;

import org.arrayflow.config.Bundled;
import org.arrayflow.config.Node;
import org.arrayflow.onnx.OnnxImport;
import org.arrayflow.pipeline.Workloads;
import org.arrayflow.transform.Transform;
import org.arrayflow.workload.Network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's workloads, read once for all its points: each file (YAML, topology, LLM or ONNX) as {@code run} reads
 * it, at the sweep's {@code batch}, with the sweep's {@code dims} for the symbolic dimensions of ONNX models, then
 * the transforms. Labelled by the workload's own name, as run and compare label it, not by how the file was given.
 */
final class SweepWorkloads {
    private SweepWorkloads() {}

    static Map<String, Network> read(Node root, Path dir, List<Transform> transforms) {
        int batch = root.intValue("batch", 0);
        OnnxImport.Options onnx = onnxOptions(root);
        Map<String, Network> networks = new LinkedHashMap<>();
        Map<String, String> writtenAs = new HashMap<>();
        for (Node w : root.get("workloads").items()) {
            Network net;
            if (Workloads.isOnnx(w.text())) {
                Path near = dir == null ? null : dir.resolve(w.text());
                String file = near != null && Files.isRegularFile(near) ? near.toString() : w.text();
                net = Workloads.read(file, batch, null, transforms, onnx, 0).changes().after();
            } else {
                Bundled.Source src = SweepLoader.resolve(Bundled.WORKLOAD, w, dir);
                net = Workloads.transformed(w.text(), src.displayName(), src.text(), batch, null, transforms).after();
            }
            String label = Sweep.workloadLabel(net.name(), transforms);
            String before = writtenAs.putIfAbsent(label, w.text());
            if (before != null) {
                throw w.error("workloads " + before + " and " + w.text() + " are both named '" + net.name()
                        + "': a sweep labels its points by the workload's name, so give each its own name");
            }
            networks.put(label, net);
        }
        return networks;
    }

    /** The {@code dims} entry, which only an ONNX model among the workloads can use. */
    private static OnnxImport.Options onnxOptions(Node root) {
        if (!root.has("dims")) {
            return OnnxImport.Options.DEFAULT;
        }
        Node dims = root.get("dims");
        if (root.get("workloads").items().stream().noneMatch(w -> Workloads.isOnnx(w.text()))) {
            throw dims.error("dims set the symbolic dimensions of ONNX models, and no workload of this sweep is one");
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : dims.fields()) {
            values.put(e.getKey(), e.getValue().json().asLong());
        }
        return new OnnxImport.Options(values, false);
    }
}
