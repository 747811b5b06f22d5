package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.population.PopulationStatus;
import dev.probe.core.population.SmcConfig;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.result.Evidence;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Populations that stalled below β = 1 hold a tempered target's draws, not the question's: no R̂ vouches for them and
 * they are not evidence (a new user's, stopped by {@code maxStages(1)}: R̂ 1.004, attainment half the truth, log Z 20
 * standard errors high, evidence met).
 */
class StalledEvidenceTest {
    /** p(class 1) = logistic(10 (x₀ + x₁ − 1.4)) on the unit square: confident in a corner, sharply asked (σ 0.002). */
    private static final Classifier CORNER = Classifier.fromLogits(BlackBoxFunction.of("corner", 2, 2, rows -> Arrays
            .stream(rows).map(x -> new double[] {0, 10 * (x[0] + x[1] - 1.4)}).toArray(double[][]::new)));

    @Test
    void aRunThatStalledBelowTheTargetIsNotEvidence() {
        Probe probe = Probe.of(InputSpace.box(new double[] {0, 0}, new double[] {1, 1}),
                HighConfidence.of(CORNER, 1).withSigma(0.002));
        SamplerConfig seed = SamplerConfig.builder().seed(3).build();
        PopulationResult stalled = probe.samplePopulations(seed,
                probe.populationSampling(SmcConfig.builder().particles(256).populations(4).maxStages(1).build()));
        assertThat(stalled.run().status()).as(stalled.run().table()).isEqualTo(PopulationStatus.STALLED);
        assertThat(stalled.result().diagnostics().maxRhat()).isNaN();
        assertThat(Evidence.DEFAULT.isMetBy(stalled.result())).isFalse();
        // the same question with its stages: reached, agreed, evidence
        PopulationResult reached = probe.samplePopulations(seed,
                probe.populationSampling(SmcConfig.builder().particles(256).populations(4).build()));
        assertThat(reached.run().status()).as(reached.run().table()).isEqualTo(PopulationStatus.OK);
        assertThat(reached.result().diagnostics().maxRhat()).isLessThan(1.05);
    }
}
