package org.arrayflow.scalesim;

import org.arrayflow.config.ConfigException;
import org.arrayflow.kind.systolic.SystolicArch;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.Network;

import java.util.List;

/**
 * A network run with SCALE-Sim's conventions, and the quantities of SCALE-Sim's reports computed from it.
 *
 * <p>The engine runs the layer (folds in SCALE-Sim's shape, no fold splitting, no activation reuse across
 * layers, 1-byte words). What SCALE-Sim reports is then derived here, not in the dataflow:
 * <ul>
 *   <li>Total Cycles = folds x cycles per fold - 1 + stalls (an index, not a count);</li>
 *   <li>stalls: CALC mode 0 (SCALE-Sim's reads never stall there); USER mode, the cycles the engine's
 *       array waited between its first and its last fold (the first fill happens before cycle 0, as in
 *       SCALE-Sim, whose DRAM trace starts at negative cycles);</li>
 *   <li>Overall Util, Mapping Efficiency and Compute Util with SCALE-Sim's formulas over the fold grid;</li>
 *   <li>SRAM and DRAM counts from the engine's access counters.</li>
 * </ul>
 * The returned {@link NetworkResult} carries the same Total / stall / utilisation figures, so
 * {@code layers.csv} agrees with {@code COMPUTE_REPORT.csv}.
 */
public record ScaleSimRun(ScaleSimConfig config, SystolicArch arch, Network network, NetworkResult result,
                          List<ScaleSimLayer> layers) {

    public ScaleSimRun {
        layers = List.copyOf(layers);
    }

    public static ScaleSimRun run(ScaleSimConfig cfg, Network net, boolean keepTrace) {
        return run(cfg, net, keepTrace, StallModel.PHYSICAL);
    }

    /**
     * As {@link #run(ScaleSimConfig, Network, boolean)}; with {@link StallModel#SCALESIM} (USER mode only)
     * Total / Stall Cycles, the SRAM spans and the DRAM counts and spans come from {@link StallEmulation}
     * instead of the engine. SRAM counts, MACs and the native traffic lines stay the engine's. The run is the
     * simulator's, with SCALE-Sim's conventions for planning and {@link ScaleSimTiming} as its last step.
     */
    public static ScaleSimRun run(ScaleSimConfig cfg, Network net, boolean keepTrace, StallModel stallModel) {
        if (stallModel == StallModel.SCALESIM && !cfg.userBandwidth()) {
            throw ConfigException.of(cfg.file(), "--stall-model scalesim emulates SCALE-Sim's "
                    + "USER-mode buffers; this configuration is CALC (reads never stall there)");
        }
        SystolicArch arch = cfg.toArch();
        ScaleSimTiming timing = new ScaleSimTiming(cfg, arch, stallModel);
        // the configuration has no energy figures: the energy the accounting step priced at 0 is not modelled
        NetworkResult result = Simulator.run(arch, net, new SimOptions(keepTrace, true, timing))
                .withoutEnergy(ScaleSimConfig.NO_ENERGY);
        return new ScaleSimRun(cfg, arch, net, result, timing.rows());
    }
}
