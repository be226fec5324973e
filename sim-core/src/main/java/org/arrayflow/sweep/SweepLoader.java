package org.arrayflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import org.arrayflow.arch.ArchLoader;
import org.arrayflow.config.Bundled;
import org.arrayflow.config.ConfigException;
import org.arrayflow.config.Node;
import org.arrayflow.config.SchemaCheck;
import org.arrayflow.config.TreePath;
import org.arrayflow.config.YamlDocument;
import org.arrayflow.transform.Transform;
import org.arrayflow.workload.Network;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a sweep file (format {@code arrayflow-sweep/1}) and checks everything before any point runs:
 * the base architecture and workloads load, every axis key and value is accepted by the architecture's
 * own validation (each value alone on the base; each listed point whole), constraints parse and name
 * known keys, Pareto metrics exist. Errors point at the sweep file: {@code file:line:col: key: problem}.
 */
public final class SweepLoader {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    /** Folder of the bundled sweep files in the jar. */
    public static final String SWEEPS = "sweeps";
    /**
     * The most design points one sweep file may have, constraints not yet applied: about 40 minutes at the
     * measured pace of 10,800 ResNet-50 points in 27 s, and every point's values stay in memory meanwhile.
     */
    public static final int MAX_POINTS = 1_000_000;

    private SweepLoader() {}

    /** A sweep file by path, or by the name of a bundled sweep ({@code sweeps/} in the jar). */
    public static Sweep load(String nameOrPath) {
        return load(nameOrPath, List.of());
    }

    /**
     * A sweep whose every workload is transformed by {@code transforms} after its own file's ({@code sweep
     * --transform}). The workloads are then named with them, {@code vgg16 [low_rank:fc6=500]}: a point's id, and so
     * resume and shards, tell a transformed workload from the workload as written.
     */
    public static Sweep load(String nameOrPath, List<Transform> transforms) {
        Path p = Bundled.asPath(nameOrPath);
        if (Files.isRegularFile(p)) {
            return load(p, transforms);
        }
        Bundled.Source src = Bundled.resolve(SWEEPS, nameOrPath);
        return parse(src.displayName(), src.text(), null, transforms);
    }

    public static Sweep load(Path file) {
        return load(file, List.of());
    }

    private static Sweep load(Path file, List<Transform> transforms) {
        return parse(file.toString(), Bundled.readText(file, file.toString()), file.toAbsolutePath().getParent(),
                transforms);
    }

    /** {@code dir}: where relative arch and workload paths are looked up first (then as given, then bundled). */
    public static Sweep parse(String file, String text, Path dir) {
        return parse(file, text, dir, List.of());
    }

    /** {@link #parse(String, String, Path)} with transforms for every workload, as {@link #load(String, List)}. */
    public static Sweep parse(String file, String text, Path dir, List<Transform> transforms) {
        YamlDocument doc = YamlDocument.parse(file, text);
        SchemaCheck.validate(doc, "sweep");
        Node root = Node.root(doc);
        if (root.has("grid") == root.has("points")) {
            throw root.error("give either 'grid' (all combinations) or 'points' (a list), not "
                    + (root.has("grid") ? "both" : "neither"));
        }
        Bundled.Source archSrc = resolve(Bundled.ARCH, root.get("arch"), dir);
        YamlDocument base = YamlDocument.parse(archSrc.displayName(), archSrc.text());
        ArchLoader.fromDocument(base);

        Map<String, Network> networks = SweepWorkloads.read(root, dir, transforms);

        List<Axis> axes = new ArrayList<>();
        List<List<JsonNode>> listed = null;
        if (root.has("grid")) {
            for (Map.Entry<String, Node> e : root.get("grid").fields()) {
                axes.add(axis(e.getKey(), e.getValue(), e.getValue().json()));
            }
            BigInteger combos = BigInteger.ONE;
            StringBuilder sizes = new StringBuilder();
            for (Axis a : axes) {
                combos = combos.multiply(BigInteger.valueOf(a.values().size()));
                sizes.append(sizes.length() == 0 ? "" : " x ").append(a.values().size());
            }
            checkCount(root.get("grid"), combos, networks.size(), "the grid's axes have " + sizes + " values");
            for (int a = 0; a < axes.size(); a++) {
                checkValues(root.get("grid").get(axes.get(a).key()), base, axes.get(a));
            }
        } else {
            listed = new ArrayList<>();
            List<Node> items = root.get("points").items();
            checkCount(root.get("points"), BigInteger.valueOf(items.size()), networks.size(), items.size() + " points are listed");
            List<String> keys = new ArrayList<>();
            for (Map.Entry<String, Node> e : items.get(0).fields()) {
                keys.add(e.getKey());
            }
            for (String k : keys) {
                axes.add(axis(k, items.get(0).get(k), null));
            }
            for (Node item : items) {
                List<String> these = item.fields().stream().map(Map.Entry::getKey).toList();
                if (!new HashSet<>(these).equals(new HashSet<>(keys))) {
                    throw item.error("every point must set the same keys as the first one: " + keys + ", found " + these);
                }
                List<JsonNode> values = new ArrayList<>();
                for (String k : keys) {
                    values.add(item.get(k).json());
                }
                try {
                    ArchEdit.build(base, axes, values);
                } catch (ConfigException ex) {
                    throw item.error("point " + describe(keys, values) + " is not valid for " + base.file() + ": "
                            + ex.getMessage());
                }
                listed.add(values);
            }
            List<Axis> withValues = new ArrayList<>();
            for (int a = 0; a < axes.size(); a++) {
                List<JsonNode> col = new ArrayList<>();
                for (List<JsonNode> v : listed) {
                    if (!col.contains(v.get(a))) {
                        col.add(v.get(a));
                    }
                }
                withValues.add(new Axis(axes.get(a).key(), axes.get(a).path(), col));
            }
            axes = withValues;
        }

        List<Constraint> constraints = new ArrayList<>();
        if (root.has("constraints")) {
            List<Node> cs = root.get("constraints").items();
            for (int i = 0; i < cs.size(); i++) {
                constraints.add(constraint(i, cs.get(i), axes, base.root()));
            }
        }
        List<Metric[]> pareto = Metric.paretoPairs(root);

        List<List<JsonNode>> combos = listed != null ? listed : grid(axes);
        List<Boolean> keep = new ArrayList<>();
        for (List<JsonNode> combo : combos) {
            keep.add(passes(combo, constraints, axes, base.root(), root));
        }
        List<DesignPoint> points = new ArrayList<>();
        long dropped = 0;
        long index = 0;
        for (String w : networks.keySet()) {
            for (int c = 0; c < combos.size(); c++, index++) {
                if (keep.get(c)) {
                    List<JsonNode> v = combos.get(c);
                    points.add(new DesignPoint(index, DesignPoint.idOf(w, axes, v), w, v));
                } else {
                    dropped++;
                }
            }
        }
        return new Sweep(file, root.text("name"), base.file(), base, networks, axes, points, dropped, pareto);
    }

    /**
     * Refuses a sweep of more than {@link #MAX_POINTS} points, counted before any is enumerated (a grid of
     * 6 axes of 1,000 values is 10^18 points: enumerating it would only end in running out of memory).
     */
    private static void checkCount(Node at, BigInteger combos, int workloads, String how) {
        BigInteger points = combos.multiply(BigInteger.valueOf(workloads));
        if (points.compareTo(BigInteger.valueOf(MAX_POINTS)) > 0) {
            throw at.error(String.format(Locale.ROOT, "%,d design points (%s, for %d workload(s)); at most %,d are run "
                    + "in one sweep: split it into several sweep files, or use fewer values", points, how, workloads,
                    MAX_POINTS));
        }
    }

    private static Axis axis(String key, Node at, JsonNode values) {
        if (!KEY.matcher(key).matches()) {
            throw at.error("an axis must be an architecture key path such as pe_array.rows (lower case, dots between keys)");
        }
        List<JsonNode> vs = new ArrayList<>();
        if (values != null) {
            Set<JsonNode> seen = new HashSet<>();
            for (int i = 0; i < values.size(); i++) {
                if (!seen.add(values.get(i))) {
                    throw at.at(i).error("value " + values.get(i).asText() + " is listed twice");
                }
                vs.add(values.get(i));
            }
        }
        return new Axis(key, List.of(key.split("\\.")), vs);
    }

    /** Each value alone on the base architecture must load; a bad key fails on its first value. */
    private static void checkValues(Node list, YamlDocument base, Axis axis) {
        for (int i = 0; i < axis.values().size(); i++) {
            JsonNode v = axis.values().get(i);
            try {
                ArchEdit.build(base, List.of(axis), List.of(v));
            } catch (ConfigException ex) {
                throw list.at(i).error("axis " + axis.key() + " = " + v.asText() + " is not valid for " + base.file()
                        + ": " + ex.getMessage());
            }
        }
    }

    private static String describe(List<String> keys, List<JsonNode> values) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(keys.get(i)).append(": ").append(values.get(i).asText());
        }
        return sb.append('}').toString();
    }

    /** Cartesian product, last axis fastest. */
    static List<List<JsonNode>> grid(List<Axis> axes) {
        List<List<JsonNode>> out = new ArrayList<>();
        out.add(List.of());
        for (Axis a : axes) {
            List<List<JsonNode>> next = new ArrayList<>(out.size() * a.values().size());
            for (List<JsonNode> prefix : out) {
                for (JsonNode v : a.values()) {
                    List<JsonNode> l = new ArrayList<>(prefix);
                    l.add(v);
                    next.add(l);
                }
            }
            out = next;
        }
        return out;
    }

    private static Constraint constraint(int i, Node at, List<Axis> axes, JsonNode base) {
        Expr.Term term;
        try {
            term = Expr.parse(at.text());
        } catch (Expr.ExprException e) {
            throw at.error("constraint '" + at.text() + "': " + e.getMessage());
        }
        Map<String, List<String>> paths = new LinkedHashMap<>();
        for (String name : Expr.names(term)) {
            paths.put(name, resolveName(name, axes, base, at));
        }
        return new Constraint(i, at.text(), term, paths);
    }

    /**
     * A name in a constraint: an axis key, an axis's last segment when only one axis ends so, a dotted
     * key path of the architecture, or a key name that occurs once in the architecture.
     */
    private static List<String> resolveName(String name, List<Axis> axes, JsonNode base, Node at) {
        List<Axis> byLeaf = new ArrayList<>();
        for (Axis a : axes) {
            if (a.key().equals(name)) {
                return a.path();
            }
            if (a.leaf().equals(name)) {
                byLeaf.add(a);
            }
        }
        if (byLeaf.size() == 1) {
            return byLeaf.get(0).path();
        }
        if (byLeaf.size() > 1) {
            throw at.error("constraint '" + at.text() + "': '" + name + "' is ambiguous, write the full key ("
                    + byLeaf.stream().map(Axis::key).toList() + ")");
        }
        List<String> path = List.of(name.split("\\."));
        JsonNode v = TreePath.get(base, path);
        if (v != null && v.isValueNode()) {
            return path;
        }
        List<List<String>> found = new ArrayList<>();
        findLeaf(base, name, new ArrayList<>(), found);
        if (found.size() == 1) {
            return found.get(0);
        }
        throw at.error("constraint '" + at.text() + "': unknown name '" + name + "'" + (found.isEmpty()
                ? " (use an axis name " + axes.stream().map(Axis::leaf).toList() + " or an architecture key path)"
                : " is ambiguous, write the full key path"));
    }

    private static void findLeaf(JsonNode n, String name, List<String> prefix, List<List<String>> found) {
        if (!n.isObject()) {
            return;
        }
        n.fields().forEachRemaining(e -> {
            List<String> p = new ArrayList<>(prefix);
            p.add(e.getKey());
            if (e.getKey().equals(name) && e.getValue().isValueNode()) {
                found.add(p);
            }
            findLeaf(e.getValue(), name, p, found);
        });
    }

    private static boolean passes(List<JsonNode> combo, List<Constraint> constraints, List<Axis> axes, JsonNode base,
                                  Node root) {
        for (Constraint c : constraints) {
            Object r;
            try {
                r = Expr.eval(c.term(), name -> value(c.paths().get(name), combo, axes, base));
            } catch (Expr.ExprException e) {
                throw root.get("constraints").at(c.index()).error("constraint '" + c.text() + "': " + e.getMessage());
            }
            if (!(r instanceof Boolean b)) {
                throw root.get("constraints").at(c.index()).error("constraint '" + c.text()
                        + "' must be a comparison (true or false), found " + r);
            }
            if (!b) {
                return false;
            }
        }
        return true;
    }

    private static Object value(List<String> path, List<JsonNode> combo, List<Axis> axes, JsonNode base) {
        JsonNode v = null;
        for (int a = 0; a < axes.size(); a++) {
            if (axes.get(a).path().equals(path)) {
                v = combo.get(a);
            }
        }
        if (v == null) {
            v = TreePath.get(base, path);
        }
        if (v == null || v.isNull()) {
            throw new Expr.ExprException(String.join(".", path) + " is not set in the architecture");
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.asText();
    }

    /** A file next to the sweep file, else a path as given or a bundled name. */
    static Bundled.Source resolve(String folder, Node at, Path dir) {
        String ref = at.text();
        Path near;
        try {
            near = dir == null ? null : dir.resolve(ref);
        } catch (InvalidPathException e) {
            throw at.error("not a valid path: " + e.getReason());
        }
        try {
            if (near != null && Files.isRegularFile(near)) {
                return Bundled.resolve(folder, near.toString());
            }
            return Bundled.resolve(folder, ref);
        } catch (ConfigException e) {
            throw at.error(e.problem());
        }
    }
}
