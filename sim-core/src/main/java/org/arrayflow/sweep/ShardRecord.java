package org.arrayflow.sweep;

import org.arrayflow.config.ConfigException;
import org.arrayflow.io.OutputFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a sweep folder holds ({@code shard.txt}): which sweep (its name and identity, a hash of every point's
 * id in enumeration order, so two files that enumerate the same points agree), which shard i of N, and how
 * many points that shard has. Written before the first point runs, so an unfinished shard says what it is
 * meant to hold; {@code sweep-merge} checks the shards it is given against it.
 */
public record ShardRecord(String sweep, String identity, int shard, int shards, int points) {
    public static final String FILE = "shard.txt";

    public static ShardRecord of(Sweep s, int shard, int shards) {
        return new ShardRecord(s.name(), identity(s), shard, shards, s.shard(shard, shards).size());
    }

    static String identity(Sweep s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (DesignPoint p : s.points()) {
                md.update(p.id().getBytes(StandardCharsets.US_ASCII));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "shard 2/4 of sweep 'x'" */
    public String describe() {
        return "shard " + shard + "/" + shards + " of sweep '" + sweep + "'";
    }

    public boolean sameSweep(ShardRecord o) {
        return identity.equals(o.identity) && shards == o.shards;
    }

    public void write(Path dir) throws IOException {
        OutputFiles.writeString(dir.resolve(FILE), String.format(Locale.ROOT,
                "sweep %s%nidentity %s%nshard %d/%d%npoints %d%n", sweep, identity, shard, shards, points));
    }

    /** The record in {@code dir}, or null if it has none (a folder written before shards were recorded). */
    public static ShardRecord read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        Map<String, String> kv = new HashMap<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                kv.put(line.substring(0, sp), line.substring(sp + 1).trim());
            }
        }
        try {
            String[] in = kv.get("shard").split("/");
            return new ShardRecord(Objects.requireNonNull(kv.get("sweep")), Objects.requireNonNull(kv.get("identity")), Integer.parseInt(in[0]), Integer.parseInt(in[1]),
                    Integer.parseInt(kv.get("points")));
        } catch (RuntimeException e) {
            throw ConfigException.of(f.toString(), "not a shard record (lines 'sweep', 'identity', 'shard i/N', "
                    + "'points' expected)");
        }
    }
}
