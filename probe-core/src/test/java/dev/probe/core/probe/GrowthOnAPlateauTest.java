package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.population.PopulationRun;
import dev.probe.core.population.PopulationStatus;
import dev.probe.core.population.SmcConfig;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.result.Evidence;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A growing run ({@code until}) stops after the round whose populations crossed a plateau of the question's energy
 * blind: more populations from the same pool cross it the same way, and the plateau, the largest over populations,
 * can only grow. A new user's corner of 1 in 4·10¹⁰ in [0, 1]³⁰ behind a saturated black box used to grow to every
 * population allowed, each round flagged.
 */
class GrowthOnAPlateauTest {
    private static final int D = 30;
    private static final int M = 10;

    /** p(class 1) = logistic(20 (min(x₀…x₉) − 0.8)): at most 0.018 outside the corner, so the energy is ≈ 200 there. */
    private static final Classifier SATURATED = Classifier.fromProbabilities(BlackBoxFunction.of("corner", D, 2, rows -> {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            double t = Arrays.stream(rows[r], 0, M).min().orElseThrow();
            double p = 1 / (1 + Math.exp(-20 * (t - 0.8)));
            out[r] = new double[] {1 - p, p};
        }
        return out;
    }));

    @Test
    void aGrowingRunStopsAtTheFirstRoundThatCrossedAPlateauBlind() {
        double[] hi = new double[D];
        Arrays.fill(hi, 1);
        Probe probe = Probe.of(InputSpace.box(new double[D], hi), HighConfidence.of(SATURATED, 1));
        PopulationResult pr = probe.samplePopulations(SamplerConfig.builder().seed(2).build(),
                probe.populationSampling(SmcConfig.builder().particles(75).populations(4).draws(1).build())
                        .until(Evidence.DEFAULT, 16));
        assertThat(pr.run().diagnostics().plateauNats()).as(pr.run().table())
                .isGreaterThan(PopulationRun.MAX_PLATEAU_NATS);
        assertThat(pr.run().status()).isEqualTo(PopulationStatus.UNSETTLED);
        assertThat(pr.run().populations()).as("populations made: the first round only").isEqualTo(4);
        assertThat(Evidence.DEFAULT.isMetBy(pr.result())).isFalse();
    }
}
