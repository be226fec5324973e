package org.arrayflow.kind.systolic;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Slice keys read back to the fields they were made of, and distinct fields never share a key. */
class SliceKeysTest {
    @Test
    void fieldsSizedToTheLayerPackIntoTheKey() {
        // an FC layer of 409,600,000 outputs at batch 65,536: fold indices pass 2^17 but the layer's widths fit
        SliceKeys keys = new SliceKeys(1, 65_536, 409_600_000);
        long[][] ids = {{0, 0, 0, 0}, {3, 0, 65_535, 409_599_999}, {1, 0, 4_095, 1_600_000}, {2, 0, 1, 2}};
        Set<Long> seen = new HashSet<>();
        for (long[] id : ids) {
            long key = keys.key((int) id[0], id[1], id[2], id[3]);
            assertThat(key & (1L << 61)).as("packed, not drawn from the table").isZero();
            assertThat(keys.id(key)).isEqualTo(new SliceKeys.SliceId((int) id[0], id[1], id[2], id[3]));
            assertThat(seen.add(key)).isTrue();
        }
    }

    @Test
    void fieldsPastTheWidthsUseTheTableAndStillReadBack() {
        SliceKeys keys = new SliceKeys(4, 100, 100);
        Set<Long> seen = new HashSet<>();
        for (long i1 : new long[] {0, 99, 127, 128, 1L << 40}) {
            for (long i2 : new long[] {0, 99, 128, 1L << 40}) {
                for (int tag = 0; tag < 4; tag++) {
                    long key = keys.key(tag, 3, i1, i2);
                    assertThat(keys.id(key)).isEqualTo(new SliceKeys.SliceId(tag, 3, i1, i2));
                    assertThat(keys.key(tag, 3, i1, i2)).as("the same fields, the same key").isEqualTo(key);
                    assertThat(seen.add(key)).isTrue();
                }
            }
        }
    }

    @Test
    void aLayerTooWideForSixtyOneBitsStillGivesDistinctKeys() {
        SliceKeys keys = new SliceKeys(1L << 30, 1L << 40, 1L << 40);
        long a = keys.key(0, (1L << 30) - 1, (1L << 40) - 1, 5);
        long b = keys.key(0, (1L << 30) - 1, (1L << 40) - 2, 5);
        assertThat(a).isNotEqualTo(b);
        assertThat(keys.id(a).i1()).isEqualTo((1L << 40) - 1);
        assertThat(keys.id(keys.key(2, 7, 9, 11))).isEqualTo(new SliceKeys.SliceId(2, 7, 9, 11));
    }
}
