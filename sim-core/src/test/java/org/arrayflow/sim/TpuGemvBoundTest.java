package org.arrayflow.sim;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch-1 bf16 GEMV, 8192 -> 28672 (a Llama-2-70B FFN matrix at decode), on the TPU presets is as fast as HBM
 * lets it be: its 8192 x 28672 x 2 = 469,762,048 weight bytes cross HBM once, at 1200 GB/s / 1.05 GHz = 1142.9 B a
 * cycle on tpu-v4 (411,042 cycles, rounded up) and 819 GB/s / 1.5 GHz = 546 B a cycle on tpu-v5e (860,371 cycles, rounded up). What the
 * run adds on top is one DRAM latency (500 and 700 cycles), the first tile's shift-in and the outputs' write, under
 * 1 %: the weights staged in each core's VMEM keep HBM's latency x bandwidth in flight (Little's law; with two
 * 128 x 128 tiles alone the run took 1.9x and 2.2x the bound).
 */
class TpuGemvBoundTest {
    @ParameterizedTest
    @CsvSource({"tpu-v4, 411042", "tpu-v5e, 860371"})
    void aDecodeGemvStreamsItsWeightsAtTheHbmRate(String arch, long bound) {
        Network net = WorkloadLoader.parse("g.yaml", """
                format: arrayflow-workload/1
                name: gemv
                input: {channels: 8192, height: 1, width: 1}
                tensors: {ifmap: {datatype: bf16}, weight: {datatype: bf16}, ofmap: {datatype: bf16}}
                layers:
                  - {name: g, type: linear, outputs: 28672}
                """, 1);
        NetworkResult r = Simulator.run(ArchLoader.load(arch), net, SimOptions.DEFAULT);
        assertThat(r.bytes("dram")).isGreaterThanOrEqualTo(469_762_048L);
        assertThat(r.totalCycles()).isGreaterThanOrEqualTo(bound).isLessThanOrEqualTo((long) (bound * 1.01));
    }
}
