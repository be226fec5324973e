package org.arrayflow.llm;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.Traffic;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the KV cache lives on tpu-v1 (8-bit words, so one byte per cache element), derived by hand. The unified
 * buffer of 24 MiB holds activations and ofmaps; half of it, 12,582,912 bytes, is for tensors kept between layers,
 * and the caches are placed there first, each at its final length, in order of first use (l0's K, l0's V, l1's K,
 * ...), while they fit.
 */
class KvCacheTest {
    private static final Architecture TPU = ArchLoader.load("tpu-v1");

    /** Bytes a layer moves to or from DRAM for one tensor. */
    private static long dram(NetworkResult r, String layer, String tensor) {
        for (LayerResult l : r.layers()) {
            if (l.name().equals(layer)) {
                long b = 0;
                for (Traffic t : l.traffic()) {
                    if (t.level().equals("dram") && t.tensor().equals(tensor)) {
                        b += t.bytes();
                    }
                }
                return b;
            }
        }
        throw new AssertionError("no layer " + layer);
    }

    @Test
    void gpt2SixteenCachesFitOnChipTheRestStream() {
        // prompt 512 + 512: each cache is 768 features x 1,024 positions = 786,432 bytes; 16 of them take
        // 12,582,912 bytes, the budget exactly: l0..l7 keep K and V on chip, l8..l11 stream
        LlmSpec spec = BundledLlmTest.load("llm/gpt2");
        NetworkResult step = Simulator.run(TPU, LlmNetworks.decodeStep(spec, 600, "gpt2"), SimOptions.DEFAULT);
        for (int i = 0; i < 12; i++) {
            long appended = i < 8 ? 0 : 768; // the new position's 768 keys (and values) written to DRAM
            assertThat(dram(step, "l" + i + "_k", "ofmap")).as("l%d_k", i).isEqualTo(appended);
            assertThat(dram(step, "l" + i + "_v", "ofmap")).as("l%d_v", i).isEqualTo(appended);
            // the cache read by the scores and context products (their second operand)
            assertThat(dram(step, "l" + i + "_scores", "weight") > 0).as("l%d_scores", i).isEqualTo(i >= 8);
            assertThat(dram(step, "l" + i + "_context", "weight") > 0).as("l%d_context", i).isEqualTo(i >= 8);
        }
        // prefill writes the caches that do not fit, 512 positions x 768 features each, and keeps the others
        NetworkResult pre = Simulator.run(TPU, LlmNetworks.prefill(spec, "gpt2"), SimOptions.DEFAULT);
        assertThat(dram(pre, "l7_v", "ofmap")).isZero();
        assertThat(dram(pre, "l8_k", "ofmap")).isEqualTo(512L * 768);
    }

    @Test
    void theEmbeddingsReadTheRowsOfTheTokensNotTheTables() {
        // gpt2 prefill of 512 tokens on tpu-v1 (1 byte a value): tok_embed reads 512 x 768 = 393,216 bytes of its
        // 50,257 x 768 table, pos_embed as many of its 1,024 x 768 one; the caches take the budget for kept tensors
        // (above), so embed_add reads both sets of rows back from DRAM
        LlmSpec spec = BundledLlmTest.load("llm/gpt2");
        NetworkResult pre = Simulator.run(TPU, LlmNetworks.prefill(spec, "gpt2"), SimOptions.DEFAULT);
        assertThat(pre.layers().subList(0, 3)).extracting(LayerResult::name)
                .containsExactly("tok_embed", "pos_embed", "embed_add");
        assertThat(dram(pre, "tok_embed", "ifmap")).isEqualTo(512L * 768);
        assertThat(dram(pre, "pos_embed", "ifmap")).isEqualTo(512L * 768);
        assertThat(dram(pre, "embed_add", "ifmap")).isEqualTo(2 * 512L * 768);
        // a rotary model has no position table; a decode step gathers one row
        NetworkResult step = Simulator.run(TPU, LlmNetworks.decodeStep(BundledLlmTest.load("llm/llama-2-7b"), 100,
                "llama"), SimOptions.DEFAULT);
        assertThat(step.layers().get(0).name()).isEqualTo("tok_embed");
        assertThat(step.layers().get(1).name()).isEqualTo("l0_norm1");
        assertThat(dram(step, "tok_embed", "ifmap")).isEqualTo(4096);
    }

    @Test
    void llama2_70bDecodeAppendsOneTokenOfCacheToDram() {
        // prompt 2048 + 2048: a cache is 8 KV heads x 128 x 4,096 positions = 4,194,304 bytes; three fit the
        // 12,582,912 bytes (l0's K and V, l1's K). Every other K and V projection appends its 1,024 bytes:
        // 157 x 1,024 = 160,768 bytes, the 163,840-byte KV cache of a token less the three kept on chip.
        LlmSpec spec = BundledLlmTest.load("llm/llama-2-70b");
        assertThat(spec.model().kvBytesPerToken(LlmPhases.kvType(TPU, spec))).isEqualTo(163_840);
        NetworkResult step = Simulator.run(TPU, LlmNetworks.decodeStep(spec, 3000, "70b"), SimOptions.DEFAULT);
        long written = 0;
        for (int i = 0; i < 80; i++) {
            written += dram(step, "l" + i + "_k", "ofmap") + dram(step, "l" + i + "_v", "ofmap");
        }
        assertThat(written).isEqualTo(157L * 1024);
        assertThat(dram(step, "l1_k", "ofmap")).isZero();
        assertThat(dram(step, "l1_v", "ofmap")).isEqualTo(1024);
    }

    @Test
    void withoutASharedBufferEveryCacheStreams() {
        // systolic-32x32 has separate ifmap, filter and ofmap SRAMs and eyeriss-v1 no unified buffer: no tensor
        // stays between layers, so each K and V projection appends its 768 values to DRAM (at 8 and 16 bits) and
        // the scores and context products read the cache from there
        LlmSpec spec = BundledLlmTest.load("llm/gpt2").with(64, 32, 1);
        for (String[] a : new String[][] {{"systolic-32x32", "1"}, {"eyeriss-v1", "2"}}) {
            Architecture arch = ArchLoader.load(a[0]);
            NetworkResult step = Simulator.run(arch, LlmNetworks.decodeStep(spec, 80, "gpt2"), SimOptions.DEFAULT);
            assertThat(dram(step, "l0_k", "ofmap")).as(a[0]).isEqualTo(768L * Integer.parseInt(a[1]));
            assertThat(dram(step, "l0_scores", "weight")).as(a[0]).isPositive();
            assertThat(dram(step, "l0_context", "weight")).as(a[0]).isPositive();
        }
    }

    @Test
    void llama2_70bCacheAtFp16Takes320KiBPerToken(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        // tpu-v1 that also multiplies fp16 (a what-if: the scores and context products multiply by an fp16
        // cache); the K and V projections write fp16. A cache is now 8,388,608 bytes: one fits the 12,582,912
        // (l0's K); the other 159 append 2,048 bytes each: 325,632 = 327,680 (320 KiB) less l0's K
        java.nio.file.Path arch = dir.resolve("tpu-fp16.yaml");
        java.nio.file.Files.writeString(arch, org.arrayflow.config.Bundled.resolve("arch-configs", "tpu-v1").text()
                .replace("name: tpu-v1", "name: tpu-fp16") + "datatypes: {int8: {}, fp16: {}}\n");
        Architecture fp16 = ArchLoader.load(arch.toString());
        String text = org.arrayflow.config.Bundled.resolve("workloads", "llm/llama-2-70b").text()
                + "datatypes: {kv_cache: fp16}\n";
        LlmSpec spec = LlmReader.parse("llama-2-70b-fp16.yaml", text);
        assertThat(spec.model().kvBytesPerToken(LlmPhases.kvType(fp16, spec))).isEqualTo(320 * 1024);
        NetworkResult step = Simulator.run(fp16, LlmNetworks.decodeStep(spec, 3000, "70b"), SimOptions.DEFAULT);
        long written = 0;
        for (int i = 0; i < 80; i++) {
            written += dram(step, "l" + i + "_k", "ofmap") + dram(step, "l" + i + "_v", "ofmap");
        }
        assertThat(written).isEqualTo(320L * 1024 - 2048);
        assertThat(dram(step, "l0_k", "ofmap")).isZero();
        assertThat(dram(step, "l0_v", "ofmap")).isEqualTo(2048);
    }
}
