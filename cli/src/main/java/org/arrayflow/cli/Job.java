package org.arrayflow.cli;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.Bundled;
import org.arrayflow.report.ArchFacts;
import org.arrayflow.report.ReportRun;
import org.arrayflow.report.ResultJson;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;

import java.util.LinkedHashMap;
import java.util.Map;

/** One (architecture, workload) simulation as the commands run it: load, simulate, record the inputs. */
final class Job {
    private Job() {}

    static ReportRun run(String arch, String workload, int batch, boolean trace) {
        Architecture a = ArchLoader.load(arch);
        Network n = WorkloadLoader.load(workload, batch);
        NetworkResult r = Simulator.run(a, n, new SimOptions(trace, false));
        Map<String, String> options = new LinkedHashMap<>();
        options.put("batch", String.valueOf(n.batch()));
        ResultJson.Inputs inputs = new ResultJson.Inputs(arch, Bundled.resolve(Bundled.ARCH, arch).text(), workload,
                Bundled.resolve(Bundled.WORKLOAD, workload).text(), options);
        return new ReportRun(ReportRun.label(a.name(), n.name()), r, ArchFacts.of(a), inputs);
    }
}
