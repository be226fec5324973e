package org.arrayflow.validation;

import org.arrayflow.arch.Architecture;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.scalesim.ScaleSimLayer;
import org.arrayflow.tensor.Precision;

import java.util.List;

/**
 * What a case's run produced: the network result, and for a SCALE-Sim configuration the rows of
 * SCALE-Sim's reports (empty otherwise).
 *
 * @param peakMacsPerCycle PEs of the array (one MAC each per cycle)
 * @param dramBytesPerCycle the architecture's DRAM bandwidth, for roofline bounds
 * @param precision        the architecture's datatypes, for the bytes of weights
 */
public record Outcome(Architecture arch, NetworkResult result, List<ScaleSimLayer> scaleSim, long peakMacsPerCycle,
                      double dramBytesPerCycle, Precision precision) {
    public Outcome {
        scaleSim = List.copyOf(scaleSim);
    }
}
