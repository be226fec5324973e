package org.arrayflow.pipeline;

import org.arrayflow.arch.Architecture;
import org.arrayflow.scalesim.ScaleSimConfig;
import org.arrayflow.scalesim.StallModel;
import org.arrayflow.transform.Changes;
import org.arrayflow.workload.Network;

/**
 * A request's inputs read and checked: the architecture with its options applied, the network, and the two
 * files' texts as given (reports record them verbatim).
 *
 * @param network  the workload as simulated: transformed, when it or the request has transforms
 * @param scaleSim the SCALE-Sim configuration when the architecture is one (its conventions then apply), else null
 * @param changes  what the transforms changed (empty when there were none)
 * @param notes    lines on how the workload was read, for the console (an ONNX import's fusions and warnings)
 */
public record Inputs(RunRequest request, Architecture arch, Network network, String archText, String workloadText,
                     ScaleSimConfig scaleSim, StallModel stallModel, Changes changes, java.util.List<String> notes) {

    public boolean scaleSimMode() {
        return scaleSim != null;
    }
}
