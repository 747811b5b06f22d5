package dev.probe.junit.annotations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A target vector's attained samples should truly belong to its top classes: both of a 50/50 interpolation step
 * (the model's top class there is a coin flip), the one of a 0.9/0.1 step.
 */
class ConfidenceTargetLabelsTest {

    @Test
    void aTargetVectorsLabelsAreItsTopClasses() {
        assertThat(ConfidenceFactory.topClasses(new double[] {0, 0.5, 0, 0.5})).containsExactly(1, 3);
        assertThat(ConfidenceFactory.topClasses(new double[] {0.1, 0.9, 0})).containsExactly(1);
        assertThat(ConfidenceFactory.topClasses(new double[] {0.4, 0.35, 0.25})).containsExactly(0);
    }
}
