package org.arrayflow.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected strings are what CPython's repr() prints for these doubles (its documented float repr rules). */
class PyFloatTest {
    @ParameterizedTest
    @CsvSource({
            "1.0, 1.0",
            "-3277.0, -3277.0",
            "94.53125, 94.53125",
            "0.0001, 0.0001",
            "0.00001, 1e-05",
            "1e16, 1e+16",
            "123456789012345.6, 123456789012345.6",
            "1.5e-7, 1.5e-07",
            "10000000.0, 10000000.0",
            "0.30000000000000004, 0.30000000000000004",
            "2e22, 2e+22",
    })
    void matchesPythonRepr(double v, String expected) {
        assertThat(PyFloat.repr(v)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void shortestRoundTripEvenWhereJava17IsNot() {
        // Java 17 prints 1e23 as "1.0E23"; Python's repr is "1e+23". Values must read back unchanged.
        assertThat(PyFloat.repr(1e23)).isEqualTo("1e+23");
        assertThat(PyFloat.repr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(Double.parseDouble(PyFloat.repr(91.68309650614964))).isEqualTo(91.68309650614964);
    }
}
