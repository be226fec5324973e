package org.arrayflow.pipeline;

import org.arrayflow.arch.Architecture;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.scalesim.ScaleSimLayer;

import java.util.List;

/** What a run produced: its inputs, the network result and, in SCALE-Sim mode, the rows of SCALE-Sim's reports. */
public record RunOutput(Inputs inputs, NetworkResult result, List<ScaleSimLayer> scaleSimReports) {
    public RunOutput {
        scaleSimReports = List.copyOf(scaleSimReports);
    }

    public Architecture arch() {
        return inputs.arch();
    }
}
