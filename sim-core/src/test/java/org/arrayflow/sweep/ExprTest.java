package org.arrayflow.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExprTest {
    private static final Map<String, Object> VARS = Map.of("rows", 16.0, "cols", 64.0, "dataflow", "weight-stationary");

    private static Object eval(String text) {
        return Expr.eval(Expr.parse(text), VARS::get);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '`', value = {
            // 16 * 64 = 1024
            "rows * cols <= 65536 # true",
            "rows * cols == 1024 # true",
            // precedence: 2 + 3 * 4 = 14, not 20
            "2 + 3 * 4 == 14 # true",
            "(2 + 3) * 4 == 20 # true",
            // 64 / 16 = 4 and 64 % 10 = 4
            "cols / rows == cols % 10 # true",
            "-rows + 32 == 16 # true",
            "rows > 16 || cols >= 64 # true",
            "rows > 16 && cols >= 64 # false",
            "not rows < 8 and cols != 32 # true",
            "!(rows < 8) # true",
            "dataflow == 'weight-stationary' # true",
            "dataflow != \"output-stationary\" # true",
            "1_000 * 2 == 2000 # true",
            "1.5e3 == 1500 # true",
    })
    void evaluates(String text, boolean expected) {
        assertThat(eval(text)).isEqualTo(expected);
    }

    @Test
    void arithmeticValue() {
        // rows*cols/(rows+cols) = 1024 / 80 = 12.8
        assertThat((Double) eval("rows * cols / (rows + cols)")).isEqualTo(12.8);
    }

    @Test
    void listsNames() {
        assertThat(Expr.names(Expr.parse("rows * cols <= pe_array.rows + x"))).containsExactly("rows", "cols",
                "pe_array.rows", "x");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '`', value = {
            "rows * # unexpected end",
            "(rows # missing ')'",
            "rows ; cols # unexpected character ';'",
            "rows cols # unexpected 'cols'",
            " # empty expression",
    })
    void rejectsBadSyntax(String text, String message) {
        assertThatThrownBy(() -> Expr.parse(text == null ? "" : text)).isInstanceOf(Expr.ExprException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsOpenString() {
        assertThatThrownBy(() -> Expr.parse("dataflow == 'abc")).hasMessageContaining("unterminated string");
    }

    @Test
    void rejectsTypeErrors() {
        assertThatThrownBy(() -> eval("dataflow * 2")).hasMessageContaining("needs numbers");
        assertThatThrownBy(() -> eval("rows && cols")).hasMessageContaining("needs true/false");
    }
}
