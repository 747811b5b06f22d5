package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.result.Rate;
import dev.probe.core.space.ProceduralSpace;
import org.junit.jupiter.api.Test;

/** The prior mass of a level set by independent draws, on a space and model where it is known in closed form. */
class LevelSetMassTest {
    /** u ~ U(0, 1) rendered as the single feature u; the model says p(class 1) = u. */
    private static final ProceduralSpace UNIT = ProceduralSpace.builder("unit").continuous("u", 0, 1)
            .renderer(1, a -> new double[] {a[0]}).build();
    private static final Classifier LINEAR = Classifier.fromProbabilities(BlackBoxFunction.of("linear", 1, 2, rows -> {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[] {1 - rows[i][0], rows[i][0]};
        }
        return out;
    }));

    @Test
    void theMassOfHighConfidenceIsTheProbabilityOfTheLevelSet() {
        // p1 >= 0.9  <=>  u >= 0.9: mass 0.1
        Rate mass = Probe.of(UNIT, HighConfidence.of(LINEAR, 1)).levelSetMass(4000, 0.1, 17);
        double sd = Math.sqrt(0.1 * 0.9 / 4000);
        assertThat(mass.trials()).isEqualTo(4000);
        assertThat(mass.effectiveTrials()).isEqualTo(4000);
        assertThat(mass.estimate()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(5 * sd));
        assertThat(mass.lower()).isLessThan(0.1);
        assertThat(mass.upper()).isGreaterThan(0.1);
        // same seed, same draws
        assertThat(Probe.of(UNIT, HighConfidence.of(LINEAR, 1)).levelSetMass(4000, 0.1, 17)).isEqualTo(mass);
    }

    @Test
    void anEventOfTheSamplesHasItsPriorProbability() {
        // p1 >= 0.9 and u < 0.95: probability 0.05
        Rate r = Probe.of(UNIT, HighConfidence.of(LINEAR, 1))
                .priorRate(4000, 17, s -> s.targetDistance() <= 0.1 && s.input()[0] < 0.95 && s.predicted(0) == 1);
        double sd = Math.sqrt(0.05 * 0.95 / 4000);
        assertThat(r.estimate()).isCloseTo(0.05, org.assertj.core.api.Assertions.within(5 * sd));
    }

    @Test
    void manyDrawsAreCountedInChunksOverTheSameDrawsAsPriorDraws() {
        // more than two chunks: the count is that of the draws priorDraws holds in memory at once, index for index
        int draws = 2 * Probe.PRIOR_CHUNK + 123;
        Probe probe = Probe.of(UNIT, HighConfidence.of(LINEAR, 1));
        java.util.List<dev.probe.core.result.Sample> all = probe.priorDraws(draws, 5);
        long inSet = all.stream().filter(s -> s.targetDistance() <= 0.1).count();
        assertThat(probe.levelSetMass(draws, 0.1, 5).successes()).isEqualTo(inSet);
        java.util.Set<Integer> indices = new java.util.HashSet<>();
        probe.priorRate(draws, 5, s -> indices.add(s.index()) && s.input()[0] == all.get(s.index()).input()[0]);
        assertThat(indices).hasSize(draws);
        assertThat(probe.priorRate(draws, 5, s -> s.input()[0] == all.get(s.index()).input()[0]).successes())
                .as("each chunk continues the same stream").isEqualTo(draws);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> Probe.of(UNIT, HighConfidence.of(LINEAR, 1)).levelSetMass(0, 0.1, 1))
                .hasMessageContaining("draws ≥ 1");
        assertThatThrownBy(() -> Probe.of(UNIT, HighConfidence.of(LINEAR, 1)).levelSetMass(10, -1, 1))
                .hasMessageContaining("tolerance ≥ 0");
        // every input attains at 1.5 (a high-confidence distance is at most 1): a user got "1000/1000 = 1.0000"
        assertThatThrownBy(() -> Probe.of(UNIT, HighConfidence.of(LINEAR, 1)).levelSetMass(10, 1.5, 1))
                .hasMessageContaining("A tolerance of 1.5 lets every input attain the target")
                .hasMessageContaining("Give a tolerance below 1.0");
    }
}
