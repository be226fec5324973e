package org.arrayflow.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fixed colours so a component, a tensor or an architecture has the same colour in every chart of a report.
 *
 * <p>One qualitative palette of 22 colours serves every chart: the seven colour-blind-safe Okabe-Ito hues and a
 * mid grey first, then twelve colours picked one at a time, each the sRGB colour (lightness 32 to 80) farthest in
 * CIEDE2000 from all those before it, then cyan and black, two of the few sRGB colours still 20 or more from all
 * twenty (a search in steps of 17 per channel; the others found are near black or near white). Any two differ by a colour difference of at least 20 (PaletteTest checks).
 * Every energy component of a bundled architecture has a colour of its own, different from every other bundled
 * component's, so comparing any bundled architectures never gives two legend entries one colour. Components
 * without a fixed colour (levels a user names) get the colours no component of the report has, in order of first
 * appearance.
 */
public final class Palette {
    private Palette() {}

    /** The palette, in the order architectures (series) and free components are given colours. */
    static final List<Color> COLOURS = List.of(
            new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x999999),
            new Color(0x7700BB), new Color(0x555500), new Color(0x991133), new Color(0x11DD00),
            new Color(0x005555), new Color(0xFFAA99), new Color(0x665566), new Color(0x9988FF),
            new Color(0x889900), new Color(0xFF2244), new Color(0x774422), new Color(0xAACCAA),
            new Color(0x00FFFF), new Color(0x000000));

    /** The palette's mid grey, for a reference line or series (the unfused baseline of the fusion chart). */
    public static final Color GREY = COLOURS.get(7);
    public static final Color COMPUTE = new Color(0x0072B2);
    public static final Color STALL = new Color(0xD55E00);

    /** The fixed colour of every energy component a bundled architecture has, or null. */
    static Color fixed(String component) {
        switch (component) {
            case "mac": return COLOURS.get(0);
            case "dram": return COLOURS.get(5);
            case "vector": return COLOURS.get(4);
            case "leakage": return COLOURS.get(7);
            // tpu-v1
            case "unified_buffer": return COLOURS.get(1);
            case "accumulators": return COLOURS.get(2);
            case "weight_fifo": return COLOURS.get(3);
            // systolic-32x32 (SCALE-Sim style SRAMs)
            case "ifmap_sram": return COLOURS.get(15);
            case "filter_sram": return COLOURS.get(16);
            case "ofmap_sram": return COLOURS.get(10);
            // row-stationary: the GLB (one, or partitioned), the NoC and the three spads
            case "glb": return COLOURS.get(18);
            case "glb_fmap": return COLOURS.get(12);
            case "glb_filter": return COLOURS.get(19);
            case "noc": return COLOURS.get(11);
            case "spad_ifmap": return COLOURS.get(13);
            case "spad_filter": return COLOURS.get(6);
            case "spad_psum": return COLOURS.get(8);
            // tiled FPGA designs
            case "bram": return COLOURS.get(9);
            // several cores and chips (docs/multicore.md): the shared level as the presets name it, the chip links
            case "l2": return COLOURS.get(14);
            case "link": return COLOURS.get(17);
            // tpu-v4 and tpu-v5e (VMEM; their weight staging and CMEM take tpu-v1's and the cores' names), a100
            // (shared memory; its register-file accumulators take tpu-v1's name)
            case "vmem": return COLOURS.get(20);
            case "smem": return COLOURS.get(21);
            default: return null;
        }
    }

    /**
     * Colours of all energy components of a report, so each component keeps its colour across charts and
     * architectures. {@code components} is the union in first-seen order. Free components take the palette's
     * colours that no component of the report has; past the palette, further hues are made up (golden-angle
     * steps), distinct from each other but no longer guaranteed far from the palette's.
     */
    public static Map<String, Color> components(List<String> components) {
        Set<Color> taken = new HashSet<>();
        for (String c : components) {
            Color f = fixed(c);
            if (f != null) {
                taken.add(f);
            }
        }
        List<Color> free = new ArrayList<>();
        for (Color c : COLOURS) {
            if (!taken.contains(c)) {
                free.add(c);
            }
        }
        Map<String, Color> m = new LinkedHashMap<>();
        int next = 0;
        for (String c : components) {
            Color f = fixed(c);
            if (f == null) {
                f = next < free.size() ? free.get(next) : extra(next - free.size());
                next++;
            }
            m.put(c, f);
        }
        return m;
    }

    /** The i-th colour past the palette: hues a golden angle apart, two lightness levels alternating. */
    private static Color extra(int i) {
        float hue = (float) ((0.11 + i * 0.381966) % 1.0);
        return Color.getHSBColor(hue, 0.75f, i % 2 == 0 ? 0.55f : 0.85f);
    }

    /** Colour of a tensor in traffic charts. */
    public static Color tensor(String tensor) {
        switch (tensor) {
            case "ifmap": return COLOURS.get(0);
            case "weight": return COLOURS.get(1);
            case "ofmap": return COLOURS.get(2);
            case "psum": return COLOURS.get(3);
            default: return COLOURS.get(14);
        }
    }

    /** Colour of the i-th architecture of a report (the order given on the command line). */
    public static Color series(int i) {
        return COLOURS.get(i % COLOURS.size());
    }

    /**
     * The CIEDE2000 colour difference of two sRGB colours (D65): about 1 is just noticeable, 20 and more reads
     * as a different colour at a glance. The tests check the palette with it.
     */
    public static double difference(Color x, Color y) {
        double[] a = lab(x);
        double[] b = lab(y);
        double c1 = Math.hypot(a[1], a[2]);
        double c2 = Math.hypot(b[1], b[2]);
        double cMean7 = Math.pow((c1 + c2) / 2, 7);
        double g = 0.5 * (1 - Math.sqrt(cMean7 / (cMean7 + Math.pow(25, 7))));
        double a1 = (1 + g) * a[1];
        double a2 = (1 + g) * b[1];
        double c1p = Math.hypot(a1, a[2]);
        double c2p = Math.hypot(a2, b[2]);
        double h1 = (Math.toDegrees(Math.atan2(a[2], a1)) + 360) % 360;
        double h2 = (Math.toDegrees(Math.atan2(b[2], a2)) + 360) % 360;
        double dh = c1p * c2p == 0 ? 0 : h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 < -180 ? h2 - h1 + 360 : h2 - h1;
        double dH = 2 * Math.sqrt(c1p * c2p) * Math.sin(Math.toRadians(dh / 2));
        double lMean = (a[0] + b[0]) / 2;
        double cMeanP = (c1p + c2p) / 2;
        double hMean = c1p * c2p == 0 ? h1 + h2 : Math.abs(h1 - h2) <= 180 ? (h1 + h2) / 2
                : h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
        double t = 1 - 0.17 * Math.cos(Math.toRadians(hMean - 30)) + 0.24 * Math.cos(Math.toRadians(2 * hMean))
                + 0.32 * Math.cos(Math.toRadians(3 * hMean + 6)) - 0.20 * Math.cos(Math.toRadians(4 * hMean - 63));
        double dTheta = 30 * Math.exp(-Math.pow((hMean - 275) / 25, 2));
        double cP7 = Math.pow(cMeanP, 7);
        double rT = -2 * Math.sqrt(cP7 / (cP7 + Math.pow(25, 7))) * Math.sin(Math.toRadians(2 * dTheta));
        double sL = 1 + 0.015 * Math.pow(lMean - 50, 2) / Math.sqrt(20 + Math.pow(lMean - 50, 2));
        double sC = 1 + 0.045 * cMeanP;
        double sH = 1 + 0.015 * cMeanP * t;
        double dL = (b[0] - a[0]) / sL;
        double dC = (c2p - c1p) / sC;
        double dHs = dH / sH;
        return Math.sqrt(dL * dL + dC * dC + dHs * dHs + rT * dC * dHs);
    }

    /** CIE L*a*b* of an sRGB colour, D65 white. */
    private static double[] lab(Color c) {
        double r = linear(c.getRed());
        double g = linear(c.getGreen());
        double b = linear(c.getBlue());
        double x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
        double y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
        double z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
        return new double[] {116 * y - 16, 500 * (x - y), 200 * (y - z)};
    }

    private static double linear(int channel) {
        double v = channel / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
}
