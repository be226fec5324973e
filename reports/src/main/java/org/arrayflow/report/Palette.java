package org.arrayflow.report;

import java.awt.Color;
import java.util.List;

/**
 * Fixed colours so a component or an architecture has the same colour in every chart
 * (colour-blind-safe Okabe-Ito order, then greys).
 */
public final class Palette {
    private Palette() {}

    private static final List<Color> SERIES = List.of(
            new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000),
            new Color(0x999999), new Color(0x666666));

    public static final Color COMPUTE = new Color(0x0072B2);
    public static final Color STALL = new Color(0xD55E00);

    /** Colour of an energy component, fixed by its name. */
    public static Color component(String name) {
        switch (name) {
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
            default:
                int h = Math.floorMod(name.hashCode(), 5);
                return List.of(new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7), new Color(0xF0E442),
                        new Color(0x666666)).get(h);
        }
    }

    public static Color series(int i) {
        return SERIES.get(i % SERIES.size());
    }
}
