package org.arrayflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One design point: a workload and one value per axis. {@code index} is its place in the full
 * enumeration (workloads, then the grid with the last axis fastest), counted before constraints drop
 * points, so it does not move when a constraint changes; it orders the final results. {@code id} is a
 * stable hash of (workload, axis keys and values): resume and shards recognise a point by it.
 */
public record DesignPoint(long index, String id, String workload, List<JsonNode> values) {
    public DesignPoint {
        values = List.copyOf(values);
    }

    public static String idOf(String workload, List<Axis> axes, List<JsonNode> values) {
        StringBuilder sb = new StringBuilder(workload);
        for (int i = 0; i < axes.size(); i++) {
            sb.append('\u0000').append(axes.get(i).key()).append('=').append(values.get(i).asText());
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
