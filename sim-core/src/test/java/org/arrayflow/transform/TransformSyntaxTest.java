package org.arrayflow.transform;

import org.arrayflow.config.LayerPattern;
import org.arrayflow.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The --transform text: each kind read and written back the same, and each mistake said with its fix. */
class TransformSyntaxTest {
    static Transform parse(String s) {
        return TransformSyntax.parse(s, "command line");
    }

    @Test
    void readsAndWritesBack() {
        for (String s : new String[] {"prune:conv1=0.84,fc*=0.09", "prune:*=2:4", "quantize:weight=int8,ifmap=int8",
                "quantize:layers=fc?,weight=int4", "low_rank:fc6=500", "low_rank:fc*=0.25", "low_rank:conv2=32x64"}) {
            assertThat(parse(s).text()).isEqualTo(s.replace("weight=int8,ifmap=int8", "ifmap=int8,weight=int8"));
        }
        assertThat(parse("prune: fc6 = 0.1 ").text()).isEqualTo("prune:fc6=0.1");
        assertThat(((Transform.LowRank) parse("low_rank:c=32X64")).targets().get(0).value())
                .isEqualTo(Transform.Rank.tucker(32, 64));
    }

    @Test
    void mistakesSayWhatToWrite() {
        assertThatThrownBy(() -> parse("prune")).isInstanceOf(ConfigException.class)
                .hasMessage("command line: option transform 'prune': a transform is KIND:SETTINGS, e.g. "
                        + "prune:fc*=0.1, quantize:weight=int8 or low_rank:fc6=512");
        assertThatThrownBy(() -> parse("prnue:fc=0.1")).hasMessageContaining("unknown transform 'prnue'; did you mean 'prune'?");
        assertThatThrownBy(() -> parse("prune:fc")).hasMessageContaining("'fc' is not KEY=VALUE");
        assertThatThrownBy(() -> parse("prune:fc=")).hasMessageContaining("needs both a key and a value");
        assertThatThrownBy(() -> parse("prune:fc=1.5")).hasMessageContaining("density 1.5 must be in (0, 1]");
        assertThatThrownBy(() -> parse("prune:fc=0")).hasMessageContaining("density 0 must be in (0, 1]");
        assertThatThrownBy(() -> parse("prune:fc=4:2")).hasMessageContaining("N <= M; did you mean 2:4?");
        assertThatThrownBy(() -> parse("prune:fc=half")).hasMessageContaining("density 'half' must be a fraction");
        assertThatThrownBy(() -> parse("prune:fc=0.1,fc=0.2")).hasMessageContaining("'fc' is given twice");
        assertThatThrownBy(() -> parse("quantize:weight=int3"))
                .hasMessageContaining("unknown datatype 'int3'; did you mean 'int2'?").hasMessageContaining("(known: int2,");
        assertThatThrownBy(() -> parse("quantize:weights=int8")).hasMessageContaining("unknown key 'weights'; did you mean 'weight'?");
        assertThatThrownBy(() -> parse("quantize:layers=fc*")).hasMessageContaining("quantize needs a datatype");
        assertThatThrownBy(() -> parse("low_rank:fc=big")).hasMessageContaining("rank 'big' must be a whole number");
        assertThatThrownBy(() -> parse("low_rank:fc=1.5")).hasMessageContaining("a rank fraction must be in (0, 1)");
        assertThatThrownBy(() -> parse("low_rank:fc=0x4")).hasMessageContaining("a rank must be at least 1, found 0");
        assertThatThrownBy(() -> parse("low_rank:fc=99999999999"))
                .hasMessageContaining("rank 99999999999 exceeds 2147483647");
    }

    @Test
    void patternsMatchNamesWithStarsAndQuestionMarks() {
        assertThat(new LayerPattern("fc*").matches("fc6")).isTrue();
        assertThat(new LayerPattern("fc*").matches("xfc6")).isFalse();
        assertThat(new LayerPattern("conv?_1").matches("conv3_1")).isTrue();
        assertThat(new LayerPattern("conv?_1").matches("conv3_12")).isFalse();
        assertThat(new LayerPattern("layer1.0.conv(1)").matches("layer1.0.conv(1)")).isTrue();
        assertThat(new LayerPattern("layer1.0").matches("layer1x0")).isFalse();
        assertThat(new LayerPattern("*").isName()).isFalse();
        assertThat(new LayerPattern("fc6").isName()).isTrue();
    }
}
