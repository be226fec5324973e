package org.arrayflow.bench;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** One whole-network simulation: ResNet-50 on the TPU v1 configuration (inputs parsed once, outside the timing). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SimulationBench {
    private Architecture arch;
    private Network net;

    @Setup
    public void load() {
        arch = ArchLoader.load("tpu-v1");
        net = WorkloadLoader.load("resnet50", 0);
    }

    @Benchmark
    public NetworkResult resnet50OnTpuV1() {
        return Pipeline.simulate(arch, net);
    }
}
