package org.arrayflow.onnx;

import org.arrayflow.config.ConfigException;
import org.arrayflow.onnx.OnnxModel.Graph;
import org.arrayflow.onnx.OnnxModel.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes of a graph in topological order (Kahn's algorithm, ties kept in file order, so an already sorted
 * graph, as ONNX requires, keeps its order). A tensor read but never provided, or a cycle, is an error.
 */
final class Topo {
    private Topo() {}

    static List<Node> order(String file, Graph g) {
        Set<String> available = new HashSet<>(g.initializers().keySet());
        g.inputs().forEach(v -> available.add(v.name()));
        Map<String, Integer> producer = new HashMap<>();
        List<Node> nodes = g.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (String out : nodes.get(i).outputs()) {
                if (!out.isEmpty()) {
                    producer.put(out, i);
                }
            }
        }
        int[] waiting = new int[nodes.size()];
        List<List<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            readers.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            for (String in : n.inputs()) {
                if (in.isEmpty() || available.contains(in)) {
                    continue;
                }
                Integer p = producer.get(in);
                if (p == null) {
                    throw ConfigException.of(file, "node '" + n.name() + "' (" + n.opType() + ") reads '" + in
                            + "', which no node, initializer or graph input provides");
                }
                waiting[i]++;
                readers.get(p).add(i);
            }
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<Node> out = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            out.add(nodes.get(i));
            for (int r : readers.get(i)) {
                if (--waiting[r] == 0) {
                    ready.add(r);
                }
            }
        }
        if (out.size() != nodes.size()) {
            throw ConfigException.of(file, "the graph has a cycle (" + (nodes.size() - out.size())
                    + " nodes never become ready)");
        }
        return out;
    }
}
