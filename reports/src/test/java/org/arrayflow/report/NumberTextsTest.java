package org.arrayflow.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Remembered number texts are the texts the conversions give, whatever was formatted before and on any thread. */
class NumberTextsTest {
    /** A pool larger than the memo, so values share slots and push each other out; repeats hit. */
    private static final double[] POOL = pool();

    private static double[] pool() {
        Random rnd = new Random(5);
        double[] p = new double[5_000];
        for (int i = 0; i < p.length; i++) {
            p[i] = switch (i % 4) {
                case 0 -> rnd.nextInt(1_000_000) * Math.pow(10, rnd.nextInt(10));
                case 1 -> (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(24) - 8);
                case 2 -> (rnd.nextInt(2_000_000) - 1_000_000 + 0.5) / 1000;
                default -> i % 8 == 3 ? -0.0 : Math.ulp(1.0) * i;
            };
        }
        return p;
    }

    /** Each thread draws values and forms in its own order and checks every text against its reference. */
    @Test
    void textsMatchTheirConversionsAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> checked = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                checked.add(pool.submit((Callable<Integer>) () -> drawAndCheck(new Random(seed), 60_000)));
            }
            for (Future<Integer> f : checked) {
                assertThat(f.get()).isEqualTo(60_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int drawAndCheck(Random rnd, int draws) {
        int ok = 0;
        for (int i = 0; i < draws; i++) {
            double v = POOL[rnd.nextInt(POOL.length)];
            int form = rnd.nextInt(9) - 2;
            String got;
            String want;
            if (form == NumberTexts.TO_STRING) {
                got = NumberTexts.toString(v);
                want = Double.toString(v);
            } else if (form == NumberTexts.NUM) {
                got = Fmt.num(v);
                want = v == 0 ? "0" : new BigDecimal(v).round(new MathContext(9)).stripTrailingZeros().toPlainString();
            } else {
                got = Fmt.fixed(v, form);
                want = String.format(Locale.ROOT, "%." + form + "f", v);
            }
            assertThat(got).as("%s in form %d", v, form).isEqualTo(want);
            ok++;
        }
        return ok;
    }

    /** Texts whose value and form share a slot (found by search) replace each other; neither is taken for the other. */
    @Test
    void slotSharersKeepTheirOwnTexts() {
        int found = 0;
        for (int i = 1; i < 2_000 && found < 50; i++) {
            double v = i / 8.0;
            long bits = Double.doubleToRawLongBits(v);
            for (int j = 1; j < 4096; j++) {
                double w = (i + j) / 8.0;
                long wb = Double.doubleToRawLongBits(w);
                if (NumberTexts.slot(bits, NumberTexts.NUM) == NumberTexts.slot(wb, 2)) {
                    for (int round = 0; round < 3; round++) {
                        assertThat(Fmt.num(v)).isEqualTo(new BigDecimal(v).round(new MathContext(9))
                                .stripTrailingZeros().toPlainString());
                        assertThat(Fmt.fixed(w, 2)).isEqualTo(String.format(Locale.ROOT, "%.2f", w));
                    }
                    found++;
                }
            }
        }
        assertThat(found).as("pairs found").isGreaterThanOrEqualTo(50);
    }

    @Test
    void jsonDoublesAreJacksonsOwn() throws Exception {
        double[] values = {0.0, -0.0, 1.0, 0.1, 1e-7, 1e21, 123456789.125, Double.MIN_VALUE, Double.MAX_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1};
        JsonFactory json = new JsonFactory();
        StringWriter plain = new StringWriter();
        StringWriter cached = new StringWriter();
        try (JsonGenerator a = json.createGenerator(plain);
             JsonGenerator b = new CachedDoubleGenerator(json.createGenerator(cached))) {
            for (JsonGenerator g : List.of(a, b)) {
                g.writeStartObject();
                for (int i = 0; i < values.length; i++) {
                    g.writeNumberField("v" + i, values[i]);
                }
                g.writeArrayFieldStart("list");
                for (double v : values) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }
        assertThat(cached.toString()).isEqualTo(plain.toString()).contains("\"NaN\"", "1.0E21", "-0.0");
    }
}
