package org.arrayflow.sweep;

import org.arrayflow.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepLoaderTest {
    static final Path DIR = resourceDir();

    static Path resourceDir() {
        try {
            return Path.of(SweepLoaderTest.class.getResource("/sweep/tiny.yaml").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String name) throws IOException {
        try (InputStream in = SweepLoaderTest.class.getResourceAsStream("/sweep/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Sweep parse(String text) {
        return SweepLoader.parse("s.yaml", text, DIR);
    }

    @Test
    void gridWithConstraint() throws IOException {
        Sweep s = SweepLoader.load(DIR.resolve("grid.yaml"));
        // rows x cols with rows*cols <= 64: (4,4) (4,8) (4,16) (8,4) (8,8) (16,4) = 6 of 9, x 2 dataflows = 12;
        // the 3 dropped pairs x 2 dataflows = 6 dropped.
        assertThat(s.points()).hasSize(12);
        assertThat(s.dropped()).isEqualTo(6);
        assertThat(s.axisKeys()).containsExactly("pe_array.rows", "pe_array.cols", "dataflow");
        // last axis fastest: index 0 = (4,4,ws), 1 = (4,4,os), 2 = (4,8,ws)
        DesignPoint p2 = s.points().get(2);
        assertThat(p2.index()).isEqualTo(2);
        assertThat(p2.values().get(0).asInt()).isEqualTo(4);
        assertThat(p2.values().get(1).asInt()).isEqualTo(8);
        assertThat(p2.values().get(2).asText()).isEqualTo("weight-stationary");
        // (8,16) is dropped, so the point after (8,8,os) [index 9] is (16,4,ws) at index 12
        assertThat(s.points().get(9).index()).isEqualTo(9);
        assertThat(s.points().get(10).index()).isEqualTo(12);
        Set<String> ids = new HashSet<>();
        s.points().forEach(p -> ids.add(p.id()));
        assertThat(ids).hasSize(12);
        assertThat(s.pareto()).hasSize(2);
        assertThat(s.pareto().get(1)).containsExactly(Metric.ENERGY_J, Metric.DRAM_BYTES);
    }

    @Test
    void workloadsAreLabelledByTheirNameNotByHowTheSweepWritesThem() throws IOException {
        Sweep s = parse(text("grid.yaml").replaceFirst("workloads: \\[[^]]*]", "workloads: [" + DIR.resolve("tiny.yaml")
                + ", tpu/mlp0]"));
        assertThat(s.networks().keySet()).containsExactly("tiny", "tpu-mlp0");
        assertThat(s.points().stream().map(DesignPoint::workload).distinct()).containsExactly("tiny", "tpu-mlp0");
        assertThatThrownBy(() -> parse(text("grid.yaml").replaceFirst("workloads: \\[[^]]*]", "workloads: [tiny.yaml, "
                + DIR.resolve("tiny.yaml") + "]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("are both named 'tiny'");
    }

    @Test
    void aParetoPairNamingARenamedColumnGetsItsNewName() throws IOException {
        assertThatThrownBy(() -> parse(text("grid.yaml").replaceFirst("pareto:[^\n]*\n(  - [^\n]*\n)*",
                "pareto:\n  - [latency_ms, energy_uj]\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metric 'latency_ms' is now 'latency_s'");
    }

    @Test
    void idsAreStableAndDependOnValues() throws IOException {
        Sweep a = SweepLoader.load(DIR.resolve("grid.yaml"));
        Sweep b = SweepLoader.load(DIR.resolve("grid.yaml"));
        assertThat(a.points().stream().map(DesignPoint::id).toList())
                .isEqualTo(b.points().stream().map(DesignPoint::id).toList());
        // the id does not depend on the index: removing the constraint keeps each surviving point's id
        Sweep c = parse(text("grid.yaml").replace("constraints:\n  - \"rows * cols <= 64\"\n", ""));
        assertThat(c.points()).hasSize(18);
        assertThat(c.points().stream().map(DesignPoint::id).toList())
                .containsAll(a.points().stream().map(DesignPoint::id).toList());
    }

    @Test
    void shardsPartitionThePoints() throws IOException {
        Sweep s = SweepLoader.load(DIR.resolve("grid.yaml"));
        List<DesignPoint> all = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            List<DesignPoint> sh = s.shard(i, 5);
            // 12 points over 5 shards: shards 1 and 2 get 3, the others 2
            assertThat(sh).hasSize(i <= 2 ? 3 : 2);
            all.addAll(sh);
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(s.points());
        assertThatThrownBy(() -> s.shard(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownKeyIsNamedWithItsPositionBeforeAnyRun() throws IOException {
        String t = text("grid.yaml").replace("pe_array.cols:", "pe_array.colz:");
        assertThatThrownBy(() -> parse(t)).isInstanceOf(ConfigException.class)
                // line 7: "  pe_array.colz: [4, 8, 16]", its first value at column 19
                .hasMessageStartingWith("s.yaml:7:19: grid.pe_array.colz[0]: axis pe_array.colz = 4 is not valid")
                .hasMessageContaining("pe_array.colz: unknown key");
    }

    @Test
    void keyBelowAValueIsNamed() throws IOException {
        String t = text("grid.yaml").replace("pe_array.cols:", "pe_array.cols.max:");
        assertThatThrownBy(() -> parse(t)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("s.yaml:7:")
                .hasMessageContaining("pe_array.cols is a value, not a section");
    }

    @Test
    void badValueIsNamedWithItsPosition() throws IOException {
        String t = text("grid.yaml").replace("pe_array.rows: [4, 8, 16]", "pe_array.rows: [4, 0, 16]");
        assertThatThrownBy(() -> parse(t)).isInstanceOf(ConfigException.class)
                // line 6: "  pe_array.rows: [4, 0, 16]", the 0 is at column 22
                .hasMessageStartingWith("s.yaml:6:22: grid.pe_array.rows[1]: axis pe_array.rows = 0 is not valid")
                .hasMessageContaining("pe_array.rows: must be at least 1");
    }

    @Test
    void badEnumValueIsNamed() throws IOException {
        String t = text("grid.yaml").replace("output-stationary", "row-stationary");
        assertThatThrownBy(() -> parse(t)).hasMessageContaining("grid.dataflow[1]: axis dataflow = row-stationary")
                .hasMessageContaining("must be one of");
    }

    @Test
    void badConstraintsAreNamed() throws IOException {
        assertThatThrownBy(() -> parse(text("grid.yaml").replace("rows * cols <= 64", "rows * colz <= 64")))
                .hasMessageContaining("constraints[0]").hasMessageContaining("unknown name 'colz'");
        assertThatThrownBy(() -> parse(text("grid.yaml").replace("rows * cols <= 64", "rows * cols")))
                .hasMessageContaining("must be a comparison");
        // size_kib occurs in three buffers of systolic-32x32: ambiguous
        assertThatThrownBy(() -> parse(text("grid.yaml").replace("rows * cols <= 64", "size_kib <= 64")))
                .hasMessageContaining("ambiguous");
    }

    @Test
    void constraintMayUseUnsweptKeys() throws IOException {
        // word_bits is 8 in systolic-32x32 and not swept; rows*word_bits <= 64 keeps rows 4 and 8: 2 x 3 x 2 = 12
        Sweep s = parse(text("grid.yaml").replace("rows * cols <= 64", "rows * word_bits <= 64"));
        assertThat(s.points()).hasSize(12);
    }

    @Test
    void listedPointsAreCheckedWhole() throws IOException {
        String base = text("grid.yaml");
        String head = base.substring(0, base.indexOf("grid:"));
        Sweep s = parse(head + "points:\n  - {pe_array.rows: 4, pe_array.cols: 8}\n  - {pe_array.rows: 8, pe_array.cols: 8}\n");
        assertThat(s.points()).hasSize(2);
        assertThat(s.axes().get(0).values()).hasSize(2);
        assertThatThrownBy(() -> parse(head + "points:\n  - {pe_array.rows: 4}\n  - {pe_array.rows: -1}\n"))
                .hasMessageStartingWith("s.yaml:7:5: points[1]: point {pe_array.rows: -1} is not valid");
        assertThatThrownBy(() -> parse(head + "points:\n  - {pe_array.rows: 4}\n  - {pe_array.cols: 4}\n"))
                .hasMessageContaining("same keys");
    }

    @Test
    void gridAndPointsAreExclusive() throws IOException {
        String t = text("grid.yaml") + "points:\n  - {pe_array.rows: 4}\n";
        assertThatThrownBy(() -> parse(t)).hasMessageContaining("not both");
    }

    @Test
    void unknownMetricIsNamed() throws IOException {
        assertThatThrownBy(() -> parse(text("grid.yaml").replace("[energy, dram]", "[energy, speed]")))
                .hasMessageContaining("pareto[0][1]").hasMessageContaining("unknown metric 'speed'");
    }

    @Test
    void missingWorkloadIsNamed() throws IOException {
        assertThatThrownBy(() -> parse(text("grid.yaml").replace("tiny.yaml", "nosuch")))
                .hasMessageStartingWith("s.yaml:4:").hasMessageContaining("workloads[0]");
    }

    static Path copyTo(Path dir) throws IOException {
        Files.writeString(dir.resolve("tiny.yaml"), text("tiny.yaml"));
        Path f = dir.resolve("grid.yaml");
        Files.writeString(f, text("grid.yaml"));
        return f;
    }
}
