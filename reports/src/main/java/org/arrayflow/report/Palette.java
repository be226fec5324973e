package org.arrayflow.report;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed colours so a component, a tensor or an architecture has the same colour in every chart of a report
 * (colour-blind-safe Okabe-Ito order, then darker and lighter tones).
 */
public final class Palette {
    private Palette() {}

    private static final List<Color> SERIES = List.of(
            new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000),
            new Color(0x999999), new Color(0x882255), new Color(0x44AA99), new Color(0x666666));

    /** Colours for the components without a fixed one, given out in order of first appearance. */
    private static final List<Color> FREE = List.of(
            new Color(0xE69F00), new Color(0xCC79A7), new Color(0x009E73), new Color(0x666666),
            new Color(0xF0E442), new Color(0x882255), new Color(0x44AA99), new Color(0xAA4499),
            new Color(0x332288), new Color(0xDDCC77), new Color(0x117733), new Color(0x88CCEE));

    public static final Color COMPUTE = new Color(0x0072B2);
    public static final Color STALL = new Color(0xD55E00);

    /** Fixed colours of the components every kind has, and of the row-stationary levels. */
    private static Color fixed(String component) {
        switch (component) {
            case "mac": return new Color(0x0072B2);
            case "vector": return new Color(0x56B4E9);
            case "dram": return new Color(0xD55E00);
            case "leakage": return new Color(0x999999);
            // row-stationary levels: distinct colours for the GLB partitions, the NoC and the three spads
            case "glb": case "glb_fmap": return new Color(0x009E73);
            case "glb_filter": return new Color(0x7FCDBB);
            case "noc": return new Color(0xE69F00);
            case "spad_ifmap": return new Color(0xCC79A7);
            case "spad_filter": return new Color(0xF0E442);
            case "spad_psum": return new Color(0x6A3D9A);
            default: return null;
        }
    }

    /**
     * Colours of all energy components of a report, so each component keeps its colour across charts and
     * architectures. {@code components} is the union in first-seen order.
     */
    public static Map<String, Color> components(List<String> components) {
        Map<String, Color> m = new LinkedHashMap<>();
        int next = 0;
        for (String c : components) {
            Color f = fixed(c);
            if (f == null) {
                f = FREE.get(next % FREE.size());
                next++;
            }
            m.put(c, f);
        }
        return m;
    }

    /** Colour of a tensor in traffic charts. */
    public static Color tensor(String tensor) {
        switch (tensor) {
            case "ifmap": return new Color(0x0072B2);
            case "weight": return new Color(0xE69F00);
            case "ofmap": return new Color(0x009E73);
            case "psum": return new Color(0xCC79A7);
            default: return new Color(0x666666);
        }
    }

    /** Colour of the i-th architecture of a report (the order given on the command line). */
    public static Color series(int i) {
        return SERIES.get(i % SERIES.size());
    }
}
