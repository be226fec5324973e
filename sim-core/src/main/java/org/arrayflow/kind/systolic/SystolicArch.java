package org.arrayflow.kind.systolic;

import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.Dram;
import org.arrayflow.arch.HardwareLimits;
import org.arrayflow.tensor.ComputeModes;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Sparsity;
import org.arrayflow.tensor.Tensor;

import java.util.List;

/**
 * A TPU-like systolic array of rows x cols MAC units with on-chip buffers (separate ifmap, filter and
 * ofmap SRAMs, or a unified buffer with accumulators), DRAM and a vector unit for pooling and
 * element-wise layers.
 *
 * @param accumulatorBits width of partial sums
 * @param vectorLanes     element operations per cycle of the vector unit
 * @param computeModes    the datatypes a PE multiplies and at what rate
 * @param sparsity        what the array does with zeros
 * @param stationaryTiles tiles of the stationary operand (weights in WS, inputs in IS) each PE holds: 1, the next
 *                        fold's tile shifts in after the current fold (SCALE-Sim's rule); 2, it shifts in while the
 *                        current fold streams (the TPU v1's double-buffered weights; see {@link ShiftIn})
 * @param wholeWeightTiles weight-stationary: every weight tile moves from DRAM to the array whole, rows x cols
 *                        words, even where a layer fills part of it (the TPU v1's weight memory holds tiles)
 */
public record SystolicArch(String name, String source, double clockMhz, int wordBits, int rows, int cols,
                           SystolicDataflow dataflow, int accumulatorBits, List<Buffer> buffers, Dram dram,
                           double macEnergyPj, double vectorOpEnergyPj, int vectorLanes,
                           double leakagePjPerCycle, String energySource, ComputeModes computeModes,
                           Sparsity sparsity, int stationaryTiles,
                           boolean wholeWeightTiles, HardwareLimits limits)
        implements Architecture {

    public SystolicArch {
        buffers = List.copyOf(buffers);
    }

    /** The columns hold output channels (the GEMM's N) in every dataflow but input-stationary's. */
    @Override
    public int outputChannelLanes() {
        return dataflow == SystolicDataflow.INPUT_STATIONARY ? 1 : cols;
    }

    @Override
    public long peCount() {
        return (long) rows * cols;
    }

    /**
     * Words of {@code word_bits} for ifmaps, weights and outputs; partial sums at the accumulator width (or the
     * float of the word's width the datatypes list, with fp32 partial sums).
     */
    @Override
    public Precision precision() {
        // a file whose datatypes name a float of the word's width (bf16 on a TPU) means that float, as the tiled
        // kind reads it; its partial sums then accumulate in fp32 where the accumulator is 32 bits wide
        Datatype word = computeModes.word(Datatype.word(wordBits));
        if (word.floating()) {
            return Precision.of(word, accumulatorBits == 32 ? Datatype.FP32 : Datatype.word(accumulatorBits));
        }
        return Precision.words(wordBits, accumulatorBits);
    }

    @Override
    public String kind() {
        return "systolic";
    }

    /** All SRAMs together. */
    @Override
    public long onChipBytes() {
        long bytes = 0;
        for (Buffer b : buffers) {
            bytes += b.sizeBytes();
        }
        return bytes;
    }

    /** The buffer that holds a tensor (exactly one does; the loader checks). */
    public Buffer bufferFor(Tensor t) {
        for (Buffer b : buffers) {
            if (b.holds(t)) {
                return b;
            }
        }
        throw new IllegalStateException("no buffer holds " + t);
    }

    public int bufferIndex(Buffer b) {
        return buffers.indexOf(b);
    }


    public SystolicArch withDataflow(SystolicDataflow d) {
        return new SystolicArch(name, source, clockMhz, wordBits, rows, cols, d, accumulatorBits, buffers, dram,
                macEnergyPj, vectorOpEnergyPj, vectorLanes, leakagePjPerCycle, energySource, computeModes, sparsity,
                stationaryTiles, wholeWeightTiles, limits);
    }

    /** Whether a weight-stationary fold's weights move as a whole rows x cols tile, padding included. */
    public boolean movesWholeWeightTiles() {
        return wholeWeightTiles && dataflow == SystolicDataflow.WEIGHT_STATIONARY;
    }

    /**
     * Whether the next fold's stationary tile shifts in while the current fold streams: two tiles held and a
     * dataflow with a stationary operand to shift (output-stationary folds keep partial sums in the PEs instead).
     */
    public boolean shiftsDuringFolds() {
        return stationaryTiles == 2 && dataflow != SystolicDataflow.OUTPUT_STATIONARY;
    }
}
