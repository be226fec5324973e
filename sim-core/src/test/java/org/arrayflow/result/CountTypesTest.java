package org.arrayflow.result;

import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every count and cycle in a result is a long: a batch-64 VGG or a large sweep overflows an int. */
class CountTypesTest {
    private static void assertLongs(Class<?> record, Set<String> names) {
        int seen = 0;
        for (RecordComponent c : record.getRecordComponents()) {
            if (names.contains(c.getName())) {
                assertThat(c.getType()).as(record.getSimpleName() + "." + c.getName()).isEqualTo(long.class);
                seen++;
            }
        }
        assertThat(seen).isEqualTo(names.size());
    }

    @Test
    void countsAreLongs() {
        assertLongs(LayerResult.LayerInfo.class, Set.of("macs", "weights"));
        assertLongs(LayerResult.Timing.class, Set.of("totalCycles", "computeCycles", "stallCycles"));
        assertLongs(Activity.class, Set.of("macs", "vectorOps"));
        assertLongs(Traffic.class, Set.of("reads", "writes", "fills", "drains", "bytes"));
        assertLongs(EnergyItem.class, Set.of("count"));
    }
}
