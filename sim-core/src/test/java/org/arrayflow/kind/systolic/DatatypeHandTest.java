package org.arrayflow.kind.systolic;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.config.ConfigException;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.energy.MacCost;
import org.arrayflow.result.LayerResult;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.workload.Layer;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.arrayflow.testing.Fixtures.isolated;
import static org.arrayflow.testing.Fixtures.network;
import static org.arrayflow.testing.Fixtures.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Datatypes on a 4x4 weight-stationary array, by hand. The GEMM is 8 x 4 x 4: one fold of K = 4 rows by N = 4
 * columns streaming M = 8, so 2R + C + M - 2 = 18 cycles at one MAC per PE per cycle, 128 MACs, 16 weights.
 */
class DatatypeHandTest {
    private static SystolicArch arch(int wordBits, String datatypes) {
        return (SystolicArch) ArchLoader.parse("dt.yaml", String.format(Locale.ROOT, """
                format: arrayflow-arch/1
                name: dt
                type: systolic
                clock_mhz: 1000
                word_bits: %d
                %s
                dataflow: weight-stationary
                pe_array: {rows: 4, cols: 4, accumulator_bits: 32}
                memory:
                  ifmap_sram: {size_kib: 64}
                  filter_sram: {size_kib: 64}
                  ofmap_sram: {size_kib: 64}
                  dram: {bandwidth_gb_s: 1000, latency_cycles: 0}
                energy: {mac_pj: 1.0}
                """, wordBits, datatypes));
    }

    private static Layer gemm(String tensors) {
        return network(1, 1, 1, "{name: g, type: gemm, m: 8, k: 4, n: 4" + (tensors.isEmpty() ? "" : ", tensors: "
                + tensors) + "}").layers().get(0);
    }

    @Test
    void twoMacsPerCycleHalveTheStreamNotTheFillAndShiftIn() {
        LayerResult one = isolated(arch(8, ""), gemm(""));
        LayerResult two = isolated(arch(8, "datatypes: {int8: {macs_per_cycle: 2}}"), gemm(""));
        assertThat(one.computeCycles()).isEqualTo(2 * 4 + 4 + 8 - 2);
        assertThat(two.computeCycles()).isEqualTo(2 * 4 + 4 + 8 / 2 - 2);
        assertThat(two.macs()).isEqualTo(128);
        // utilisation counts the doubled peak: 128 MACs over 16 PEs x 2 x cycles
        assertThat(two.utilization()).isCloseTo(128.0 / (16 * 2 * two.totalCycles()), within(1e-12));
        assertThat(two.mapping()).containsEntry("multiply", "word8 at 2 MACs/cycle");
    }

    @Test
    void aFloatOfTheWordsWidthListedIsTheWord() {
        // word_bits 16 with bf16 listed (a TPU): a layer stating no datatype multiplies in bf16, at bf16's rate of
        // 2 here: 2R + C + M/2 - 2 = 8 + 4 + 4 - 2 = 14 cycles; psums in fp32 (32-bit accumulator)
        SystolicArch tpu = arch(16, "datatypes: {bf16: {macs_per_cycle: 2}}");
        assertThat(tpu.precision().multiplyType().name()).isEqualTo("bf16");
        assertThat(tpu.precision().type(org.arrayflow.tensor.Tensor.PSUM).name()).isEqualTo("fp32");
        assertThat(isolated(tpu, gemm("")).computeCycles()).isEqualTo(14);
        // without a float listed the 16-bit word stays an integer word
        assertThat(arch(16, "").precision().multiplyType().floating()).isFalse();
    }

    @Test
    void aModesAccumulatorSetsThePartialSumsUnlessTheLayerStatesThem() {
        // K = 8 on 4 rows: two row folds, so the 8 x 4 partial sums of the first are stored and read back
        String int8 = "{ifmap: {datatype: int8}, weight: {datatype: int8}}";
        String int8Psum32 = "{ifmap: {datatype: int8}, weight: {datatype: int8}, psum: {datatype: int32}}";
        SystolicArch wide = arch(16, "datatypes: {int16: {}, int8: {}}");
        SystolicArch narrow = arch(16, "datatypes: {int16: {}, int8: {accumulator: int16}}");
        Layer g = network(1, 1, 1, "{name: g, type: gemm, m: 8, k: 8, n: 4, tensors: " + int8 + "}").layers().get(0);
        Layer g32 = network(1, 1, 1, "{name: g, type: gemm, m: 8, k: 8, n: 4, tensors: " + int8Psum32 + "}").layers()
                .get(0);
        LayerResult w = isolated(wide, g);
        LayerResult n = isolated(narrow, g);
        assertThat(traffic(n, "ofmap_sram", "psum").bytes() * 2).isEqualTo(traffic(w, "ofmap_sram", "psum").bytes());
        assertThat(traffic(isolated(narrow, g32), "ofmap_sram", "psum").bytes())
                .isEqualTo(traffic(w, "ofmap_sram", "psum").bytes());
        // an int8 MAC adding in int16 costs (0.2 + 0.05) / (0.2 + 0.1) of one adding in int32 (Horowitz)
        assertThat(n.energyPj("mac") / w.energyPj("mac")).isCloseTo(0.25 / 0.3, within(1e-9));
        assertThatThrownBy(() -> arch(16, "datatypes: {int16: {accumulator: int8}}"))
                .hasMessageContaining("int8 is narrower than the int16 it accumulates");
    }

    @Test
    void narrowerWeightsMoveFewerBytes() {
        // word16: 16 weights x 2 bytes; int8 weights: 16 bytes; int4: 8 bytes (two per byte)
        SystolicArch a = arch(16, "");
        assertThat(traffic(isolated(a, gemm("")), "dram", "weight").bytes()).isEqualTo(32);
        assertThat(traffic(isolated(a, gemm("{weight: {datatype: int8}}")), "dram", "weight").bytes()).isEqualTo(16);
        LayerResult int4 = isolated(a, gemm("{weight: {datatype: int4}, ifmap: {datatype: int4}}"));
        assertThat(traffic(int4, "dram", "weight").bytes()).isEqualTo(8);
        assertThat(traffic(int4, "dram", "ifmap").bytes()).isEqualTo(8 * 4 / 2);
        // int4 has no mode of its own: it runs on the 16-bit multipliers, at their rate, and says so
        assertThat(int4.mapping()).containsEntry("multiply", "int4 as word16");
        assertThat(int4.computeCycles()).isEqualTo(18);
    }

    @Test
    void aTypeTheArrayCannotComputeIsRefusedNamingWhatItCan() {
        assertThatThrownBy(() -> isolated(arch(8, ""), gemm("{weight: {datatype: fp16}}")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("layer 'g' multiplies in fp16")
                .hasMessageContaining("integers of up to 8 bits (1 MAC/cycle)");
        assertThatThrownBy(() -> isolated(arch(8, "datatypes: {int8: {}, fp16: {}}"), gemm("{weight: {datatype: bf16}}")))
                .hasMessageContaining("supports int8 (1 MAC/cycle), fp16 (1 MAC/cycle)");
        // with a fallback, a type that fits runs as it
        LayerResult r = isolated(arch(8, "datatypes: {int8: {}, fp16: {}, fallback: fp16}"),
                gemm("{weight: {datatype: fp8-e4m3}, ifmap: {datatype: fp8-e4m3}}"));
        assertThat(r.mapping()).containsEntry("multiply", "fp8-e4m3 as fp16");
    }

    @Test
    void macEnergyFollowsTheDatatype() {
        // the file's own figure for a declared mode
        LayerResult fp16 = isolated(arch(8, "datatypes: {int8: {}, fp16: {mac_pj: 1.5}}"),
                gemm("{weight: {datatype: fp16}, ifmap: {datatype: fp16}}"));
        assertThat(fp16.energyPj("mac")).isCloseTo(128 * 1.5, within(1e-9));
        // a declared mode without a figure: the word's (1.0 pJ for word16 x word16 into 32 bits) scaled by
        // Horowitz's ratio
        LayerResult int8 = isolated(arch(16, "datatypes: {int16: {}, int8: {}}"),
                gemm("{weight: {datatype: int8}, ifmap: {datatype: int8}}"));
        double ratio = MacCost.pj(Datatype.INT8, Datatype.word(32)) / MacCost.pj(Datatype.word(16), Datatype.word(32));
        assertThat(int8.energyPj("mac")).isCloseTo(128 * ratio, within(1e-9));
        assertThat(isolated(arch(16, ""), gemm("")).energyPj("mac")).isEqualTo(128.0);
        // int8 on an array that lists no int8 runs on the 16-bit multipliers, at their cost
        assertThat(isolated(arch(16, ""), gemm("{weight: {datatype: int8}, ifmap: {datatype: int8}}"))
                .energyPj("mac")).isEqualTo(128.0);
    }

    @Test
    void horowitzTablePointsAndTheRuleBetweenThem() {
        assertThat(MacCost.pj(Datatype.INT8, Datatype.INT32)).isCloseTo(0.2 + 0.1, within(1e-12));
        assertThat(MacCost.pj(Datatype.INT32, Datatype.INT32)).isCloseTo(3.1 + 0.1, within(1e-12));
        assertThat(MacCost.pj(Datatype.FP16, Datatype.FP32)).isCloseTo(1.1 + 0.9, within(1e-12));
        assertThat(MacCost.pj(Datatype.FP32, Datatype.FP32)).isCloseTo(3.7 + 0.9, within(1e-12));
        assertThat(MacCost.pj(Datatype.INT16, Datatype.INT16)).isCloseTo(0.2 * Math.pow(2, Math.log(15.5) / Math.log(4))
                + 0.05, within(1e-12));
        // bf16's 8-bit significand multiplies for less than fp16's 11; tf32 multiplies like fp16
        assertThat(MacCost.pj(Datatype.BF16, Datatype.FP32)).isLessThan(MacCost.pj(Datatype.FP16, Datatype.FP32));
        assertThat(MacCost.pj(Datatype.TF32, Datatype.FP32)).isEqualTo(MacCost.pj(Datatype.FP16, Datatype.FP32));
    }

    @Test
    void datatypeDeclarationMistakes() {
        assertThatThrownBy(() -> arch(8, "datatypes: {fp16: {}}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("dt.yaml:6:").hasMessageContaining("word_bits: 8");
        assertThatThrownBy(() -> arch(8, "datatypes: {int8: {}, fallback: fp16}"))
                .hasMessageContaining("fallback").hasMessageContaining("not one of the datatypes listed");
        assertThatThrownBy(() -> arch(8, "datatypes: {int8: {macs_per_cycle: 0}}")).hasMessageContaining("macs_per_cycle");
        assertThatThrownBy(() -> arch(8, "datatypes: {int9: {}}")).hasMessageContaining("unknown key");
    }
}
