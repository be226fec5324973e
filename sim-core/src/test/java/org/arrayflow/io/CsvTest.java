package org.arrayflow.io;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {
    @Test
    void formulaStartsGetAnApostropheNumbersDoNot() {
        assertThat(Csv.field("=1+2")).isEqualTo("'=1+2");
        assertThat(Csv.field("+A1")).isEqualTo("'+A1");
        assertThat(Csv.field("-fc")).isEqualTo("'-fc");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field("\tx")).isEqualTo("'\tx");
        assertThat(Csv.field("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        for (String n : List.of("-3", "-3.5e-2", "+7", "-0.25", "-Infinity", "12", "conv1", "a=b", "")) {
            assertThat(Csv.field(n)).as(n).isEqualTo(n);
        }
    }

    @Test
    void everyTextReadsBackAsWritten() {
        List<String> texts = List.of("=1+2", "'=1+2", "''-x", "'", "'plain", "-3", "a,b", "say \"hi\"", "-", "@", "x\ny", "");
        String line = Csv.line(texts);
        assertThat(Csv.split(line)).isEqualTo(texts);
    }

    @Test
    void anOpenQuoteIsATornLine() {
        assertThat(Csv.split("1,\"abc")).isNull();
    }
}
