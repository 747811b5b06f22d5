package dev.probe.junit.assertions;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.diagnostics.InvalidProposals;
import dev.probe.core.query.Localiser;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Provenance;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.junit.ProbeAnswer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A counterfactual is a sample whose decision flipped: the distance assertion measures those only. A user's
 * assertion passed on the mean over all samples (58.7) while the flipped ones were further (64.3).
 */
class CounterfactualDistanceAssertTest {
    private static final double[] FACTUAL = {0, 0};

    /**
     * 400 converged draws: the even ones flipped (target distance 0) at (3, 4), 5 from the factual; the odd ones did
     * not (target distance 0.5) and sit at (1, 0), 1 from it. The mean over all draws is 3.
     */
    private static ProbeAnswer answer() {
        int n = 400;
        double[][] x = new double[n][];
        Arrays.setAll(x, i -> i % 2 == 0 ? new double[] {3, 4} : new double[] {1, 0});
        double[] distances = new double[n];
        Arrays.setAll(distances, i -> i % 2 == 0 ? 0 : 0.5);
        double[][] outputs = new double[n][];
        Arrays.setAll(outputs, i -> i % 2 == 0 ? new double[] {0.05, 0.95} : new double[] {0.6, 0.4});
        SamplerConfig config = SamplerConfig.builder().chains(4).warmup(10).draws(n / 4).seed(3).build();
        Diagnostics d = new Diagnostics(new double[] {0.6, 0.6, 0.6, 0.6}, new double[] {1.0, 1.0},
                new double[] {1000, 1000}, 1.0, 1000, 1, 1, InvalidProposals.NONE, InvalidProposals.NONE, 20, 0, 0.1, 0);
        ProbeResult r = new ProbeResult(new Provenance("counterfactual class 1", "box", "SMC(MALA, 4×100 particles)",
                config, d), 4, x, x, List.of("m"), new double[][][] {outputs}, new double[n], distances);
        return ProbeAnswer.of(r, 0.1);
    }

    @Test
    void samplesThatDidNotFlipDoNotCount() {
        assertThat(answer()).hasCounterfactualDistanceAtMost(FACTUAL, 5);
        assertThatThrownBy(() -> assertThat(answer()).hasCounterfactualDistanceAtMost(FACTUAL, 4.9))
                .isInstanceOf(AssertionError.class)
                // the factual alone: raw units, not "the localiser's metric", which read as the probe's own (a user)
                .hasMessageContaining("mean distance to the factual (Euclidean, in the features' own units; pass the "
                        + "probe's Localiser to measure in its weights and power) of the 200 samples that attain the "
                        + "target within 0.1")
                .hasMessageContaining("but it is 5.000");
    }

    @Test
    void aDisagreementBetweenModelsNotInTheResultNamesTheNamesItHas() {
        // a user passed the @ProbedModel names; the result knows the models by their own names
        // a usage mistake is an error, not the probe's failure (a new user's dashboard counted it as a regression)
        assertThatThrownBy(() -> assertThat(answer()).hasDisagreementRateAtLeast("a", "b", 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("models a and b are not both in this result; it has [m] (the models' own names, "
                        + "not the names of their @ProbedModel members)");
        // one model named twice passed every bound: a model never disagrees with itself (a new user's copy-paste slip)
        assertThatThrownBy(() -> assertThat(answer()).hasDisagreementRateAtMost("m", "m", 0.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the disagreement of m with m names one model twice: a model never disagrees with "
                        + "itself, so that rate is 0 whatever the models do. Name two different models of this result: it "
                        + "has [m]");
    }

    @Test
    void theLocaliserMeasuresInTheProbesOwnMetric() {
        Localiser near = Localiser.around(FACTUAL).weights(new double[] {1, 0.25}).power(2);
        // sqrt(1·3² + 0.25·4²) = sqrt(13)
        org.assertj.core.api.Assertions.assertThat(near.distance(new double[] {3, 4})).isEqualTo(Math.sqrt(13));
        assertThat(answer()).hasCounterfactualDistanceAtMost(near, Math.sqrt(13) + 1e-12);
        assertThatThrownBy(() -> assertThat(answer()).hasCounterfactualDistanceAtMost(near, 3.6))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but it is 3.606")
                .hasMessageContaining("(the localiser's metric: weights [1, 0.25], power 2.0) of the 200 samples");
        // weights of 1/sd² to 4 significant digits, not 0.0011111111111111111 (a new user's)
        Localiser scaled = Localiser.around(FACTUAL).weights(new double[] {1.0 / 900, 25});
        assertThatThrownBy(() -> assertThat(answer()).hasCounterfactualDistanceAtMost(scaled, 0.1))
                .isInstanceOf(AssertionError.class).hasMessageContaining("weights [0.001111, 25], power 2.0");
        assertThatThrownBy(() -> assertThat(answer()).hasCounterfactualDistanceAtMost(new double[] {0, 0, 0}, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anchor has 3 features but the input has 2");
    }
}
