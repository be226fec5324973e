package org.arrayflow.bench;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.Bundled;
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

/**
 * AlexNet on the {@code eyeriss-v1} preset. That preset comes from another branch: {@link BenchMain}
 * leaves this benchmark out while the architecture is not bundled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EyerissBench {
    static final String ARCH = "eyeriss-v1";

    private Architecture arch;
    private Network net;

    static boolean available() {
        return Bundled.list(Bundled.ARCH).contains(ARCH);
    }

    @Setup
    public void load() {
        arch = ArchLoader.load(ARCH);
        net = WorkloadLoader.load("alexnet", 0);
    }

    @Benchmark
    public NetworkResult alexnetOnEyerissV1() {
        return Pipeline.simulate(arch, net);
    }
}
