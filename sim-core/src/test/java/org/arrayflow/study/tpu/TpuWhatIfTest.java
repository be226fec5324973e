package org.arrayflow.study.tpu;

import org.arrayflow.config.ConfigException;
import org.arrayflow.kind.systolic.SystolicArch;
import org.arrayflow.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TpuWhatIfTest {
    private final TpuWhatIf study = new TpuWhatIf("tpu-v1");

    @Test
    void eachDesignScalesWhatThePaperScales() {
        SystolicArch memory = (SystolicArch) study.arch(study.design("memory", 4));
        assertThat(memory.dram().bandwidthGbps()).isEqualTo(136.0);
        SystolicArch clockPlus = (SystolicArch) study.arch(study.design("clock+", 0.5));
        assertThat(clockPlus.clockMhz()).isEqualTo(350.0);
        assertThat(clockPlus.bufferFor(Tensor.PSUM).sizeBytes()).isEqualTo(2048L * 1024);
        SystolicArch matrix = (SystolicArch) study.arch(study.design("matrix", 2));
        assertThat(matrix.rows()).isEqualTo(512);
        assertThat(matrix.cols()).isEqualTo(512);
        assertThat(matrix.vectorLanes()).isEqualTo(512);
        // the weight FIFO stays four tiles deep; the accumulators stay as they are (matrix+ grows them by 4)
        assertThat(matrix.bufferFor(Tensor.WEIGHT).sizeBytes()).isEqualTo(4L * 512 * 512);
        assertThat(matrix.bufferFor(Tensor.PSUM).sizeBytes()).isEqualTo(4096L * 1024);
        SystolicArch matrixPlus = (SystolicArch) study.arch(study.design("matrix+", 2));
        assertThat(matrixPlus.bufferFor(Tensor.PSUM).sizeBytes()).isEqualTo(4 * 4096L * 1024);
        SystolicArch gddr5 = (SystolicArch) study.arch(study.designs().get("gddr5"));
        assertThat(gddr5.dram().bandwidthGbps()).isCloseTo(34 * 5.4, within(1e-9));
        assertThat(study.figure11()).hasSize(20);
    }

    @Test
    void theMeansAreTheDeploymentMixAndTheGeometricMean() {
        Map<String, Double> up = new LinkedHashMap<>();
        double[] x = {4, 2, 1, 1, 2, 8};
        for (int i = 0; i < x.length; i++) {
            up.put(TpuWhatIf.APPS.get(i).name(), x[i]);
        }
        TpuWhatIf.Point p = new TpuWhatIf.Point(study.design("memory", 2), Map.of(), up);
        // (30.5 x (4 + 2) + 14.5 x (1 + 1) + 2.5 x (2 + 8)) / 95
        assertThat(p.weightedMean()).isCloseTo((30.5 * 6 + 14.5 * 2 + 2.5 * 10) / 95, within(1e-12));
        assertThat(p.geometricMean()).isCloseTo(Math.pow(4 * 2 * 2 * 8, 1.0 / 6), within(1e-12));
        assertThat(p.familyMean("CNN")).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void theStudyNeedsASystolicArray() {
        assertThatThrownBy(() -> new TpuWhatIf("eyeriss-v1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("the TPU design study needs a systolic architecture");
    }
}
