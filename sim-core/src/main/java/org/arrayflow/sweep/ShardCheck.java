package org.arrayflow.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a set of sweep folders is one whole sweep: every folder says which shard of which sweep it is,
 * all name the same sweep and shard count, each shard comes once, none is missing, and each has all its
 * points. Folders of different sweeps are never merged; a missing or unfinished shard is, when asked for.
 *
 * @param mismatched problems no merge can accept (folders of different sweeps, a shard given twice)
 * @param missing    what a partial merge would lack (missing shards, unfinished shards, unrecorded folders)
 */
public record ShardCheck(List<String> mismatched, List<String> missing) {
    public ShardCheck {
        mismatched = List.copyOf(mismatched);
        missing = List.copyOf(missing);
    }

    /** {@code finished}: the number of complete points in each folder's points.csv, in the order of {@code dirs}. */
    public static ShardCheck of(List<Path> dirs, List<Integer> finished) throws IOException {
        List<String> mismatched = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        ShardRecord first = null;
        Path firstDir = null;
        Map<Integer, Path> seen = new TreeMap<>();
        for (int k = 0; k < dirs.size(); k++) {
            Path d = dirs.get(k);
            ShardRecord r = ShardRecord.read(d);
            if (r == null) {
                missing.add(d + " does not say which shard it is (no " + ShardRecord.FILE + ")");
                continue;
            }
            if (first == null) {
                first = r;
                firstDir = d;
            } else if (!first.sameSweep(r)) {
                mismatched.add(d + " is " + r.describe() + " (identity " + r.identity() + "), but " + firstDir + " is "
                        + first.describe() + " (identity " + first.identity() + ")");
                continue;
            }
            Path twice = seen.putIfAbsent(r.shard(), d);
            if (twice != null) {
                mismatched.add("shard " + r.shard() + "/" + r.shards() + " is given twice: " + twice + " and " + d);
                continue;
            }
            if (finished.get(k) < r.points()) {
                missing.add(d + " (shard " + r.shard() + "/" + r.shards() + ") has " + finished.get(k) + " of its "
                        + r.points() + " points: run that shard again with the same --out to finish it");
            }
        }
        if (first != null && mismatched.isEmpty()) {
            List<String> absent = new ArrayList<>();
            for (int i = 1; i <= first.shards(); i++) {
                if (!seen.containsKey(i)) {
                    absent.add(i + "/" + first.shards());
                }
            }
            if (!absent.isEmpty()) {
                missing.add(0, "shard" + (absent.size() > 1 ? "s " : " ") + String.join(", ", absent) + " of sweep '"
                        + first.sweep() + "' " + (absent.size() > 1 ? "are" : "is") + " missing");
            }
        }
        return new ShardCheck(mismatched, missing);
    }
}
