package org.arrayflow.llm;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The sampled decode sum against the step-by-step one: within its own bound, and so within 1 % (the bound is
 * 0.1 %), for time; traffic and energy are interpolated alike and checked to the same 1 %.
 */
class DecodeSamplerTest {
    private static final Architecture TPU = ArchLoader.load("tpu-v1");

    private static void sampledMatchesStepByStep(LlmSpec spec) {
        LlmPhases.Result sampled = LlmPhases.run(TPU, spec, null, false);
        LlmPhases.Result exact = LlmPhases.run(TPU, spec, null, true);
        LlmPhases.Phase s = sampled.decode();
        LlmPhases.Phase e = exact.decode();
        assertThat(e.simulatedSteps()).isEqualTo(spec.generate());
        assertThat(s.simulatedSteps()).isLessThan(spec.generate() / 4);
        double error = Math.abs(s.seconds() - e.seconds()) / e.seconds();
        assertThat(error).isLessThanOrEqualTo(s.errorBound() + 1e-12).isLessThan(0.01);
        assertThat(s.dramBytes()).isCloseTo(e.dramBytes(), within(0.01 * e.dramBytes()));
        assertThat(s.energyJ()).isCloseTo(e.energyJ(), within(0.01 * e.energyJ()));
        assertThat(sampled.timePerOutputToken()).isCloseTo(exact.timePerOutputToken(),
                within(0.01 * exact.timePerOutputToken()));
    }

    @Test
    void gpt2WithCachesPartlyOnChip() {
        // 512 + 512: l0..l7's caches on chip, l8..l11's streaming (KvCacheTest)
        sampledMatchesStepByStep(BundledLlmTest.load("llm/gpt2"));
    }

    @Test
    void llama2_70bBandwidthBound() {
        // the 2,048-token prompt, and the first 256 of its decode steps (all 2,048, step by step, take a minute)
        sampledMatchesStepByStep(BundledLlmTest.load("llm/llama-2-70b").with(2048, 256, 1));
    }

    @Test
    void boundHoldsForAStaircase() {
        // a step that jumps by 100 cycles every 64 lengths (a schedule change) and grows 1 cycle per length
        DecodeSampler.Sum exact = DecodeSampler.exact(1, 1000, l -> new DecodeSampler.Step(l + 100 * (l / 64), 0, 0));
        DecodeSampler.Sum s = DecodeSampler.sampled(1, 1000, 0.001, l -> new DecodeSampler.Step(l + 100 * (l / 64),
                0, 0));
        assertThat(Math.abs(s.cycles() - exact.cycles())).isLessThanOrEqualTo(s.cycleBound());
        assertThat(s.cycleBound()).isLessThanOrEqualTo(0.001 * s.cycles());
        // a step that falls once (monotonicity fails; the first bisection lands on it) is summed exactly
        java.util.function.LongFunction<DecodeSampler.Step> dip = l -> new DecodeSampler.Step(l == 500 ? 10 : 1000
                + l, 0, 0);
        DecodeSampler.Sum d = DecodeSampler.sampled(1, 1000, 0.001, dip);
        assertThat(d.cycles()).isEqualTo(DecodeSampler.exact(1, 1000, dip).cycles());
        // a linear step is interpolated exactly from its two ends
        DecodeSampler.Sum line = DecodeSampler.sampled(10, 500, 0.001, l -> new DecodeSampler.Step(3 * l + 7, 0, 0));
        assertThat(line.cycles()).isEqualTo(DecodeSampler.exact(10, 500, l -> new DecodeSampler.Step(3 * l + 7, 0,
                0)).cycles());
    }
}
