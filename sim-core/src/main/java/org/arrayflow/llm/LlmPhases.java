package org.arrayflow.llm;

import org.arrayflow.arch.Architecture;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An LLM's inference on an architecture, phase by phase: the prefill of the prompt (its time is the time to the
 * first token, which its LM head picks), then {@code generate} decode steps, step j (1-based) taking the token
 * before it at position prompt + j − 1 and attending to prompt + j positions (the cache and itself). Decode is
 * summed by {@link DecodeSampler} within {@link #TOLERANCE} of the step-by-step sum, or step by step on request.
 */
public final class LlmPhases {
    /** The decode sum's bound on its error, as a fraction of the decode time. */
    public static final double TOLERANCE = 0.001;

    private LlmPhases() {}

    /**
     * One phase's figures.
     *
     * @param tokens        tokens the phase processes, over the batch (prompt x batch, or generate x batch)
     * @param seconds       the phase's time
     * @param kvCacheBytes  the KV cache at the end of the phase, over the batch
     * @param simulatedSteps networks simulated for the phase (1 for prefill)
     * @param errorBound    the most the phase's time can be off the step-by-step time, as a fraction (0: exact)
     */
    public record Phase(String name, long tokens, double seconds, double dramBytes, double energyJ, long kvCacheBytes,
                        int simulatedSteps, double errorBound) {
        public double secondsPerToken() {
            return seconds / tokens;
        }

        public double tokensPerSecond() {
            return tokens / seconds;
        }

        public double dramBytesPerToken() {
            return dramBytes / tokens;
        }

        public double energyJPerToken() {
            return energyJ / tokens;
        }
    }

    /**
     * Both phases.
     *
     * @param kvType            the KV cache's datatype as the architecture stores it
     * @param kvBytesPerToken   KV-cache bytes a token adds, per sequence
     * @param timePerOutputToken decode time per step (each step gives one token to every sequence)
     */
    public record Result(LlmSpec spec, Phase prefill, Phase decode, Datatype kvType, long kvBytesPerToken,
                         double timePerOutputToken, List<Long> decodeLengths) {
        public double timeToFirstToken() {
            return prefill.seconds();
        }

        public List<Phase> phases() {
            return List.of(prefill, decode);
        }
    }

    /** Prefill and decode; {@code prefill} is the prefill network's result when the caller has it, else null. */
    public static Result run(Architecture arch, LlmSpec spec, NetworkResult prefill, boolean stepByStep) {
        NetworkResult pre = prefill != null ? prefill
                : Simulator.run(arch, LlmNetworks.prefill(spec, spec.model().name()), SimOptions.DEFAULT);
        return of(arch, spec, pre, decode(arch, spec, stepByStep));
    }

    /**
     * The decode steps summed: sampled within {@link #TOLERANCE}, or every step. Independent of the prefill's
     * result, so a caller may run the two side by side.
     */
    public static DecodeSampler.Sum decode(Architecture arch, LlmSpec spec, boolean stepByStep) {
        long first = spec.prompt() + 1L;
        long last = spec.lastKvLength();
        // the steps differ only in their attention layers: every other layer is simulated once for all of them
        Map<Object, LayerResult> memo = new HashMap<>();
        java.util.function.LongFunction<DecodeSampler.Step> step = l -> {
            NetworkResult r = Simulator.run(arch, LlmNetworks.decodeStep(spec, l, spec.model().name()),
                    SimOptions.DEFAULT, memo);
            return new DecodeSampler.Step(r.totalCycles(), r.energyPj(), r.bytes("dram"));
        };
        return stepByStep ? DecodeSampler.exact(first, last, step) : DecodeSampler.sampled(first, last, TOLERANCE, step);
    }

    /** Both phases from the prefill's result and the decode sum. */
    public static Result of(Architecture arch, LlmSpec spec, NetworkResult pre, DecodeSampler.Sum d) {
        Datatype kv = kvType(arch, spec);
        long perToken = spec.model().kvBytesPerToken(kv);
        long b = spec.batch();
        double hz = arch.clockMhz() * 1e6;
        Phase p = new Phase("prefill", (long) spec.prompt() * b, pre.seconds(), pre.bytes("dram"),
                pre.energyPj() * 1e-12, perToken * spec.prompt() * b, 1, 0);
        double decodeSeconds = d.cycles() / hz;
        Phase dec = new Phase("decode", (long) spec.generate() * b, decodeSeconds, d.dramBytes(),
                d.energyPj() * 1e-12, perToken * spec.lastKvLength() * b, d.simulated().size(),
                d.cycleBound() / d.cycles());
        return new Result(spec, p, dec, kv, perToken, decodeSeconds / spec.generate(), d.simulated());
    }

    /** The datatype the architecture stores the KV cache in: what a K projection's output resolves to. */
    static Datatype kvType(Architecture arch, LlmSpec spec) {
        Network one = LlmNetworks.decodeStep(spec.with(1, 1, 1), 2, "");
        for (Layer l : one.layers()) {
            if (one.held().containsKey(l.name())) {
                return arch.precision(l).type(Tensor.OFMAP);
            }
        }
        throw new IllegalStateException("a decode step writes no KV cache");
    }
}
