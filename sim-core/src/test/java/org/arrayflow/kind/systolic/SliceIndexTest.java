package org.arrayflow.kind.systolic;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The primitive index agrees with a HashMap over random puts, gets and removes, with colliding low bits. */
class SliceIndexTest {
    @Test
    void agreesWithAHashMap() {
        SliceIndex index = new SliceIndex();
        Map<Long, SliceCache.Entry> ref = new HashMap<>();
        Random rnd = new Random(7);
        for (int step = 0; step < 200_000; step++) {
            // keys from a small range, many sharing low bits (multiples of 64), so probe runs wrap and shift
            long key = rnd.nextInt(500) * (rnd.nextBoolean() ? 64L : 1L);
            int op = rnd.nextInt(3);
            if (op == 0) {
                SliceCache.Entry e = new SliceCache.Entry(null, key, step);
                index.put(key, e);
                ref.put(key, e);
            } else if (op == 1) {
                assertThat(index.remove(key)).isSameAs(ref.remove(key));
            } else {
                assertThat(index.get(key)).isSameAs(ref.get(key));
            }
            assertThat(index.size()).isEqualTo(ref.size());
            if (step % 50_000 == 49_999) {
                index.clear();
                ref.clear();
            }
        }
        for (Map.Entry<Long, SliceCache.Entry> e : ref.entrySet()) {
            assertThat(index.get(e.getKey())).isSameAs(e.getValue());
        }
    }
}
