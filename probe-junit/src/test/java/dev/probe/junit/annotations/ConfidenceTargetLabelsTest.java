package dev.probe.junit.annotations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A target vector's attained samples should truly belong to the classes it gives probability to: both of a 50/50
 * interpolation step (the model's top class there is a coin flip), and both of a 0.75/0.25 one (a calibrated model's
 * draws there are the second class a quarter of the time).
 */
class ConfidenceTargetLabelsTest {

    @Test
    void aTargetVectorsLabelsAreTheClassesItGivesProbabilityTo() {
        assertThat(ConfidenceFactory.targetClasses(new double[] {0, 0.5, 0, 0.5})).containsExactly(1, 3);
        assertThat(ConfidenceFactory.targetClasses(new double[] {0.75, 0.25, 0})).containsExactly(0, 1);
        assertThat(ConfidenceFactory.targetClasses(new double[] {0, 1, 0})).containsExactly(1);
        assertThat(ConfidenceFactory.targetClasses(new double[] {0.4, 0.35, 0.25})).containsExactly(0, 1, 2);
    }
}
