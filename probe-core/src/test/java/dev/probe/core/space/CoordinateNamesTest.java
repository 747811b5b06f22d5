package dev.probe.core.space;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Plots name sampled coordinates: an input space's by its features, any other space {@code z_k}. */
class CoordinateNamesTest {

    @Test
    void anInputSpaceNamesItsCoordinatesByFeatureScaleAndOneHotGroup() {
        InputSpace space = InputSpace.builder(5).bounds(new double[] {0, 0, 0, 0, 18}, new double[] {10, 1, 1, 1, 90})
                .names("debt", "employed", "self-employed", "retired", "age").oneHot(1, 2, 3).fix(4, 45).scale(0, 2.5)
                .build();
        assertThat(space.coordinateNames()).containsExactly("debt / 2.5", "category of employed|self-employed|retired");
        assertThat(space.coordinateNames()).hasSize(space.dimension());
        assertThat(InputSpace.box(new double[] {0, 0}, new double[] {1, 1}).coordinateNames()).containsExactly("x_0", "x_1");
    }
}
