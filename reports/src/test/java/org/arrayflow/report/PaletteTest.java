package org.arrayflow.report;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The chart palette: colours far apart, every fixed component its own colour, free components never given a
 * colour another component of the report has (the compare report of tpu-v1, eyeriss-v1 and systolic-32x32 used
 * to draw weight_fifo and spad_ifmap, unified_buffer and noc, accumulators and glb_fmap in one colour each).
 */
class PaletteTest {
    @Test
    void differenceIsCiede2000() {
        // textbook figures for the sRGB primaries and black/white
        assertThat(Palette.difference(Color.RED, Color.GREEN)).isCloseTo(86.61, within(0.01));
        assertThat(Palette.difference(Color.RED, Color.BLUE)).isCloseTo(52.88, within(0.01));
        assertThat(Palette.difference(Color.BLACK, Color.WHITE)).isCloseTo(100.0, within(0.01));
        assertThat(Palette.difference(Color.ORANGE, Color.ORANGE)).isZero();
    }

    @Test
    void paletteColoursDifferByAtLeast20() {
        List<Color> p = Palette.COLOURS;
        assertThat(new HashSet<>(p)).hasSize(p.size());
        for (int i = 0; i < p.size(); i++) {
            for (int j = i + 1; j < p.size(); j++) {
                assertThat(Palette.difference(p.get(i), p.get(j))).as("colours %d and %d", i, j)
                        .isGreaterThanOrEqualTo(20);
            }
        }
    }

    @Test
    void fixedComponentsHaveColoursOfTheirOwn() {
        List<String> fixed = List.of("mac", "dram", "vector", "leakage", "unified_buffer", "accumulators",
                "weight_fifo", "ifmap_sram", "filter_sram", "ofmap_sram", "glb", "glb_fmap", "glb_filter", "noc",
                "spad_ifmap", "spad_filter", "spad_psum", "bram");
        Map<String, Color> m = Palette.components(fixed);
        assertThat(new HashSet<>(m.values())).as("one colour per component").hasSize(fixed.size());
        // and the same colour whatever else the report has
        assertThat(Palette.components(List.of("weight_fifo")).get("weight_fifo")).isEqualTo(m.get("weight_fifo"));
        assertThat(Palette.components(List.of("glb", "mac")).get("glb")).isEqualTo(m.get("glb"));
    }

    @Test
    void freeComponentsAvoidTheReportsFixedColours() {
        List<String> names = new ArrayList<>(List.of("mac", "dram", "vector"));
        for (int i = 0; i < 30; i++) {
            names.add("level" + i);
        }
        names.add("unified_buffer"); // fixed, seen last: still no free component may take its colour
        Map<String, Color> m = Palette.components(names);
        assertThat(new HashSet<>(m.values())).as("every component its own colour").hasSize(names.size());
        assertThat(m).isEqualTo(Palette.components(names)); // deterministic
        // the first free colours are the palette's, skipping those the report's fixed components have
        assertThat(m.get("level0")).isEqualTo(Palette.COLOURS.get(2));
        assertThat(m.get("level1")).isEqualTo(Palette.COLOURS.get(3));
        assertThat(m.get("level2")).isEqualTo(Palette.COLOURS.get(6));
    }
}
