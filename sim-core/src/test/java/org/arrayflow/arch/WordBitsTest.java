package org.arrayflow.arch;

import org.arrayflow.config.ConfigException;
import org.arrayflow.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An architecture's word is 8 to 64 bits for every kind: 8 and 64 load, 7 and 65 do not, each reported at the
 * word_bits key (line 5 of the text below).
 */
class WordBitsTest {
    private static String systolic(int wordBits, int accumulatorBits) {
        return """
                format: arrayflow-arch/1
                name: w
                type: systolic
                clock_mhz: 1000
                word_bits: %d
                dataflow: weight-stationary
                pe_array: {rows: 4, cols: 4, accumulator_bits: %d}
                memory:
                  ifmap_sram: {size_kib: 64}
                  filter_sram: {size_kib: 64}
                  ofmap_sram: {size_kib: 64}
                  dram: {bandwidth_gb_s: 10}
                """.formatted(wordBits, accumulatorBits);
    }

    @Test
    void eightTo64BitsLoad() {
        // one byte per 8-bit word; a 64-bit word (with 64-bit accumulators) takes 8
        assertThat(ArchLoader.parse("a.yaml", systolic(8, 32)).precision().bytes(Tensor.IFMAP, 10)).isEqualTo(10);
        assertThat(ArchLoader.parse("a.yaml", systolic(64, 64)).precision().bytes(Tensor.OFMAP, 10)).isEqualTo(80);
    }

    @Test
    void narrowerThanAByteSaysWhereSubByteTypesGo() {
        assertThatThrownBy(() -> ArchLoader.parse("a.yaml", systolic(7, 32)))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.keyPath()).isEqualTo("word_bits");
                })
                .hasMessage("a.yaml:5:1: word_bits: must be at least 8, found 7: an architecture's word is stored in "
                        + "whole bytes (sub-byte types such as int4 and int2 are per-tensor datatypes a workload "
                        + "states under tensors:)");
    }

    @Test
    void widerThan64BitsIsOutOfRange() {
        assertThatThrownBy(() -> ArchLoader.parse("a.yaml", systolic(65, 65)))
                .hasMessage("a.yaml:5:1: word_bits: must be at most 64, found 65");
    }
}
