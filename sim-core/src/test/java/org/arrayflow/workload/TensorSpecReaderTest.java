package org.arrayflow.workload;

import org.arrayflow.config.ConfigException;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.tensor.TensorSpecs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workload's tensors: entries, workload-wide and per layer, and the mistakes they can hold. */
class TensorSpecReaderTest {
    private static final String HEAD = "format: arrayflow-workload/1\nname: t\ninput: {channels: 8, height: 8, width: 8}\n";

    private static Network parse(String text) {
        return WorkloadLoader.parse("t.yaml", HEAD + text, 0);
    }

    @Test
    void saysNothingMeansTheArchitecturesDenseTypes() {
        Network n = parse("layers:\n  - {name: c, type: conv2d, filters: 4, kernel: 3}\n");
        assertThat(n.layers().get(0).tensors()).isEqualTo(TensorSpecs.DEFAULT);
    }

    @Test
    void aLayerReplacesTheWorkloadsEntryFieldByField() {
        Network n = parse("tensors:\n  weight: {datatype: int8, density: 0.5}\n  ifmap: {datatype: int8}\n"
                + "layers:\n  - {name: a, type: conv2d, filters: 4, kernel: 3}\n"
                + "  - {name: b, type: conv2d, filters: 4, kernel: 1, tensors: {weight: {density: \"2:4\"}, "
                + "ofmap: {datatype: int4, density: 0.4}}}\n");
        TensorSpecs a = n.layers().get(0).tensors();
        assertThat(a.get(Tensor.WEIGHT).datatype()).isEqualTo(Datatype.INT8);
        assertThat(a.get(Tensor.WEIGHT).density()).isEqualTo(Density.of(0.5));
        assertThat(a.get(Tensor.OFMAP).datatype()).isNull();
        TensorSpecs b = n.layers().get(1).tensors();
        assertThat(b.get(Tensor.WEIGHT).datatype()).isEqualTo(Datatype.INT8);
        assertThat(b.get(Tensor.WEIGHT).density()).isEqualTo(Density.structured(2, 4));
        assertThat(b.get(Tensor.IFMAP).datatype()).isEqualTo(Datatype.INT8);
        assertThat(b.get(Tensor.OFMAP).datatype()).isEqualTo(Datatype.INT4);
        assertThat(b.get(Tensor.OFMAP).density().fraction()).isEqualTo(0.4);
    }

    @Test
    void mistakesAreNamedAtTheirKey() {
        String layer = "layers:\n  - {name: c, type: conv2d, filters: 4, kernel: 3, tensors: ";
        assertThatThrownBy(() -> parse(layer + "{weight: {density: 1.5}}}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("t.yaml:5:").hasMessageContaining("density");
        assertThatThrownBy(() -> parse(layer + "{weight: {density: 0}}}\n")).hasMessageContaining("density");
        assertThatThrownBy(() -> parse(layer + "{weight: {density: \"4:2\"}}}\n"))
                .hasMessageContaining("N <= M; did you mean 2:4?");
        assertThatThrownBy(() -> parse(layer + "{ifmap: {density: \"2:4\"}}}\n"))
                .hasMessageContaining("property of weights").hasMessageContaining("0.5");
        assertThatThrownBy(() -> parse(layer + "{weight: {datatype: int3}}}\n"))
                .hasMessageContaining("datatype").hasMessageContaining("int4");
        assertThatThrownBy(() -> parse(layer + "{psum: {density: 0.5}}}\n")).hasMessageContaining("partial sums are dense");
        assertThatThrownBy(() -> parse(layer + "{weigth: {density: 0.5}}}\n")).hasMessageContaining("did you mean 'weight'");
        assertThatThrownBy(() -> parse("layers:\n  - {name: p, type: maxpool, kernel: 2, tensors: {weight: "
                + "{datatype: int8}}}\n")).hasMessageContaining("has no weights");
    }
}
