package org.arrayflow.kind.tiled;

import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.Dram;
import org.arrayflow.arch.HardwareLimits;
import org.arrayflow.fusion.FusionConfig;
import org.arrayflow.tensor.ComputeModes;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Sparsity;

import java.util.Map;

/**
 * An FPGA accelerator in the style of Zhang et al. (FPGA 2015) and Qiu et al. (FPGA 2016): a loop-tiled
 * compute engine of Tm x Tn MAC units built from DSP slices, BRAM holding double-buffered input, weight
 * and output tiles, and DRAM behind a bandwidth-limited link; optionally running groups of consecutive
 * layers fused into pyramids (Alwani et al., MICRO 2016).
 *
 * @param dspSlices       DSP slices the engine may use
 * @param macsPerDsp      MAC units one DSP slice gives at this word width (fp32 multiply-add: 0.2, i.e. 5 DSPs)
 * @param onChipBytes     BRAM bytes for tiles and fused-group storage
 * @param dramEfficiency  fraction of the DRAM's peak bandwidth that transfers sustain
 * @param ports           the fabric's ports into the memory system, a second cap on the link
 * @param tiling          engine tiling; zero fields are chosen by the tiling search
 * @param perLayerTiling  search Tm, Tn per layer instead of one engine for the whole network
 * @param layerTiling     per-layer overrides (zero fields searched), by layer name, in file order
 * @param bramReadPj      energy of one BRAM word read, at the word width
 * @param bramWritePj     energy of one BRAM word write
 */
public record TiledFusionArch(String name, String source, double clockMhz, int wordBits, int dspSlices,
                              double macsPerDsp, long onChipBytes, Dram dram, double dramEfficiency,
                              FabricPorts ports, LoopTiling tiling, boolean perLayerTiling, Map<String, LoopTiling> layerTiling,
                              FusionConfig fusion, double macEnergyPj, double bramReadPj, double bramWritePj,
                              double leakagePjPerCycle, String energySource,
                              ComputeModes computeModes, Sparsity sparsity, HardwareLimits limits)
        implements Architecture {

    public TiledFusionArch {
        layerTiling = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(layerTiling));
    }

    /** MAC units the DSP budget affords. */
    public long macUnits() {
        return (long) Math.floor(dspSlices * macsPerDsp + 1e-9);
    }

    @Override
    public long peCount() {
        return tiling.engineFixed() ? tiling.units() : macUnits();
    }

    /** Every tensor in words of {@code word_bits}, partial sums too. */
    @Override
    public Precision precision() {
        Datatype word = computeModes.word(Datatype.word(wordBits));
        return word.floating() ? Precision.of(word, word) : Precision.words(wordBits, wordBits);
    }

    @Override
    public String kind() {
        return "tiled-fusion";
    }

    /** The DRAM's peak times efficiency, capped by the fabric's ports. */
    @Override
    public double sustainedDramBytesPerCycle() {
        return Math.min(dram.bytesPerCycle(clockMhz) * dramEfficiency, ports.bytesPerCycle());
    }

    @Override
    public double sustainedDramGBps() {
        return sustainedDramBytesPerCycle() * clockMhz / 1e3;
    }

    public TiledFusionArch withFusion(FusionConfig f) {
        return new TiledFusionArch(name, source, clockMhz, wordBits, dspSlices, macsPerDsp, onChipBytes, dram,
                dramEfficiency, ports, tiling, perLayerTiling, layerTiling, f, macEnergyPj, bramReadPj, bramWritePj,
                leakagePjPerCycle, energySource, computeModes, sparsity, limits);
    }

    public TiledFusionArch withPerLayerTiling(boolean perLayer) {
        return new TiledFusionArch(name, source, clockMhz, wordBits, dspSlices, macsPerDsp, onChipBytes, dram,
                dramEfficiency, ports, tiling, perLayer, layerTiling, fusion, macEnergyPj, bramReadPj, bramWritePj,
                leakagePjPerCycle, energySource, computeModes, sparsity, limits);
    }

    public TiledFusionArch withOnChipBytes(long bytes) {
        return new TiledFusionArch(name, source, clockMhz, wordBits, dspSlices, macsPerDsp, bytes, dram,
                dramEfficiency, ports, tiling, perLayerTiling, layerTiling, fusion, macEnergyPj, bramReadPj, bramWritePj,
                leakagePjPerCycle, energySource, computeModes, sparsity, limits);
    }
}
