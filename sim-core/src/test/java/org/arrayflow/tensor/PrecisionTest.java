package org.arrayflow.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrecisionTest {
    @Test
    void sizesComeFromBitsAndSubByteTypesPack() {
        assertThat(Datatype.INT8.bytes(5)).isEqualTo(5);
        assertThat(Datatype.FP16.bytes(5)).isEqualTo(10);
        // two int4 per byte: 5 elements take 20 bits, 3 bytes; int2 four per byte
        assertThat(Datatype.INT4.bytes(5)).isEqualTo(3);
        assertThat(Datatype.INT2.bytes(8)).isEqualTo(2);
        // tf32 computes with 19 bits but is stored in 32
        assertThat(Datatype.TF32.bits()).isEqualTo(19);
        assertThat(Datatype.TF32.bytes(2)).isEqualTo(8);
        assertThat(Datatype.named("BF16")).isEqualTo(Datatype.BF16);
        assertThat(Datatype.named("int3")).isNull();
    }

    @Test
    void anArchitectureWordTakesWholeBytes() {
        // as word_bits always meant: a 12-bit word in 2 bytes, a 4-bit word in 1
        assertThat(Datatype.word(12).bytes(3)).isEqualTo(6);
        assertThat(Datatype.word(4).bytes(3)).isEqualTo(3);
        assertThat(Datatype.word(12).bits()).isEqualTo(12);
    }

    @Test
    void aLayerStatesTypesOverTheArchitecturesDefaults() {
        Precision arch = Precision.of(Datatype.word(8), Datatype.word(32));
        assertThat(arch.bits(Tensor.IFMAP)).isEqualTo(8);
        assertThat(arch.bits(Tensor.PSUM)).isEqualTo(32);
        assertThat(arch.resolve(TensorSpecs.DEFAULT)).isSameAs(arch);
        TensorSpecs specs = TensorSpecs.DEFAULT.with(Tensor.WEIGHT, TensorSpec.DEFAULT.withDatatype(Datatype.INT4));
        Precision layer = arch.resolve(specs);
        assertThat(layer.bytes(Tensor.WEIGHT, 10)).isEqualTo(5);
        assertThat(layer.bytes(Tensor.IFMAP, 10)).isEqualTo(10);
    }

    @Test
    void densitiesAreFractionsOrNOfM() {
        assertThat(Density.structured(2, 4).fraction()).isEqualTo(0.5);
        assertThat(Density.of(1)).isEqualTo(Density.DENSE);
        assertThatThrownBy(() -> Density.of(0)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> Density.structured(3, 2)).hasMessageContaining("0 < N <= M");
    }
}
