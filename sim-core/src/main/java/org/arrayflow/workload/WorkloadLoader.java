package org.arrayflow.workload;

import org.arrayflow.config.Bundled;
import org.arrayflow.config.ConfigException;
import org.arrayflow.config.Node;
import org.arrayflow.config.SchemaCheck;
import org.arrayflow.config.YamlDocument;
import org.arrayflow.tensor.TensorSpecs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a workload YAML (format {@code arrayflow-workload/1}), checks it against the schema,
 * infers every layer's shapes from its inputs and rejects inconsistent ones, naming the layer. The file's
 * {@code transforms:} list (schema-checked here) is applied by {@code pipeline.Workloads}, through which every
 * command reads workloads; {@link #parse} and {@link #load} give the layers as written.
 */
public final class WorkloadLoader {
    public static final String INPUT = "input";
    /** The largest batch (the workload schema's maximum): layers count images in an int. */
    public static final int MAX_BATCH = Integer.MAX_VALUE;

    private WorkloadLoader() {}

    /** Loads a workload by path or bundled name; {@code batchOverride} &gt; 0 replaces the file's batch. */
    public static Network load(String nameOrPath, int batchOverride) {
        Bundled.Source src = Bundled.resolve(Bundled.WORKLOAD, nameOrPath);
        return parse(src.displayName(), src.text(), batchOverride);
    }

    public static Network parse(String file, String text, int batchOverride) {
        return read(file, text, batchOverride).network();
    }

    /**
     * A workload as written, and its {@code transforms:} list for the caller to apply.
     *
     * @param transforms the list's node, or null when the file has none
     */
    public record Read(Network network, Node transforms) {}

    /** {@link #parse}, with the file's {@code transforms:} list. */
    public static Read read(String file, String text, int batchOverride) {
        YamlDocument doc = YamlDocument.parse(file, text);
        SchemaCheck.validate(doc, "workload");
        Node root = Node.root(doc);
        int batch = batchOverride > 0 ? batchOverride : root.intValue("batch", 1);
        Node in = root.get("input");
        Shape input = new Shape(in.intValue("channels"), in.intValue("height"), in.intValue("width"));

        TensorSpecs defaults = TensorSpecReader.read(root.has("tensors") ? root.get("tensors") : null,
                TensorSpecs.DEFAULT);
        Map<String, Shape> shapes = new HashMap<>();
        shapes.put(INPUT, input);
        List<Layer> layers = new ArrayList<>();
        String previous = INPUT;
        Network.Totals totals = Network.Totals.NONE;
        List<Repeats.Entry> entries = Repeats.expand(root.get("layers"));
        for (int i = 0; i < entries.size(); i++) {
            Repeats.Entry entry = entries.get(i);
            Node n = entry.node();
            try {
                String name = entry.name();
                if (shapes.containsKey(name)) {
                    throw n.error("name", "layer name '" + name + "' is used twice (or is the reserved name 'input')");
                }
                Layer layer = LayerReader.read(i, entry, previous, shapes, batch);
                TensorSpecReader.checkFor(layer, n);
                layer = layer.withTensors(TensorSpecReader.read(n.has("tensors") ? n.get("tensors") : null, defaults));
                try {
                    totals = totals.plus(layer);
                } catch (LayerException e) {
                    throw n.error(e.getMessage());
                }
                shapes.put(name, layer.output());
                layers.add(layer);
                previous = name;
            } catch (ConfigException e) {
                throw entry.inIteration(e);
            }
        }
        WorkloadFusion fusion = WorkloadFusion.NONE;
        if (root.has("fusion")) {
            Node f = root.get("fusion");
            List<String> groups = new ArrayList<>();
            if (f.has("groups")) {
                for (Node g : f.get("groups").items()) {
                    for (String end : g.text().split("\\.\\.")) {
                        if (!shapes.containsKey(end) || WorkloadLoader.INPUT.equals(end)) {
                            throw g.error("fused group '" + g.text() + "' names '" + end + "', which is not a layer");
                        }
                    }
                    groups.add(g.text());
                }
            }
            fusion = new WorkloadFusion(groups, f.text("strategy", null));
        }
        return new Read(new Network(root.text("name"), file, batch, input, layers, fusion),
                root.has("transforms") ? root.get("transforms") : null);
    }
}
