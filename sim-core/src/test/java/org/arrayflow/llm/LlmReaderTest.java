package org.arrayflow.llm;

import org.arrayflow.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad LLM files: a one-line error at the key's line and column. */
class LlmReaderTest {
    private static String file(String model, String run) {
        return String.join("\n", "format: arrayflow-llm/1", "name: bad", "model:", "  layers: 2", "  hidden: 64",
                model, "  ffn: 128", "  vocab: 100", "run: {" + run + "}", "");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "heads: 5|prompt: 4|6|model.heads: 5 heads do not divide the hidden size of 64",
            "heads: 4;kv_heads: 3|prompt: 4|7|model.kv_heads: 3 KV heads do not divide the 4 heads",
            "heads: 4;experts: 2;top_k: 3|prompt: 4|8|model.top_k: top_k 3 is more than the 2 experts",
            "heads: 4;ffn_kind: relu|prompt: 4|7|model.ffn_kind: must be gelu or swiglu, found 'relu'",
            "heads: 4;head: 4|prompt: 4|7|model.head: unknown key 'head'",
            "heads: 4|prompt: 0|9|run.prompt: must be at least 1, found 0",
            "heads: 4|prompt: 2.5|9|run.prompt: must be a whole number",
            "heads: 4|prompt: 4, causal: half|9|run.causal: must be full",
            "heads: 4;positions: 8|prompt: 6, generate: 3|10|run.generate: prompt + generate = 9 tokens, more than"
                    + " the model's 8 learned positions"})
    void oneLineAtTheKey(String model, String run, int line, String message) {
        assertThatThrownBy(() -> LlmReader.parse("bad.yaml", file("  " + model.replace(";", "\n  "), run)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bad.yaml:" + line + ":")
                .hasMessageContaining(": " + message)
                .hasMessageNotContaining("\n");
    }
}
