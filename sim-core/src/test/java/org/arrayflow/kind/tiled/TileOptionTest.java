package org.arrayflow.kind.tiled;

import org.arrayflow.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code tile} run option: N or NxM, nothing else (before, "3x" was read as 3x3). */
class TileOptionTest {
    @Test
    void squareAndRectangularTiles() {
        assertThat(TiledFusionKind.parseTile("3", "here")).containsExactly(3, 3);
        assertThat(TiledFusionKind.parseTile("4x8", "here")).containsExactly(4, 8);
        assertThat(TiledFusionKind.parseTile("4X 8", "here")).containsExactly(4, 8);
    }

    @Test
    void malformedTilesAreRefused() {
        for (String bad : new String[] {"3x", "x3", "3x3x3", "0", "2x0", "-1", "three", ""}) {
            assertThatThrownBy(() -> TiledFusionKind.parseTile(bad, "here")).as(bad)
                    .isInstanceOf(ConfigException.class).hasMessageContaining("tile must be N or NxM");
        }
    }
}
