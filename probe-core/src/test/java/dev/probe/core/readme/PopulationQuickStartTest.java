package dev.probe.core.readme;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.model.TestModels;
import dev.probe.core.population.PopulationRun;
import dev.probe.core.population.PopulationStatus;
import dev.probe.core.population.SmcConfig;
import dev.probe.core.probe.PopulationResult;
import dev.probe.core.probe.Probe;
import dev.probe.core.probe.Sampling;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.LatentSpace;
import dev.probe.core.space.SampleSpace;
import org.junit.jupiter.api.Test;

/** The population-sampling quick start quoted in README.md; it compiles and runs with the build. */
class PopulationQuickStartTest {
    @Test
    void populationQuickStart() {
        SampleSpace space = LatentSpace.standardNormal(DjlBlockFunction.of(
                TestModels.linear("identity2", new double[][] {{1, 0}, {0, 1}}, new double[2]), new Shape(2)));
        Classifier classifier = TestModels.logisticRegression("logreg", new double[] {1, 1}, -1);
        // README-BEGIN population
        // SMC populations for a level-set probe: particles, and the prior mass of the (relaxed) level set.
        PopulationResult r = Probe.of(space, HighConfidence.of(classifier, 1))
                .samplePopulations(SamplerConfig.builder().seed(7).build(),
                        Sampling.populations(SmcConfig.builder().particles(256).populations(4).build()));
        PopulationRun run = r.run();
        System.out.printf("log prior mass %.3f ± %.3f (%s)%n", run.logPriorMass(), run.logPriorMassStandardError(),
                run.status());                                // OK, UNRELIABLE, UNSETTLED, STALLED or DEGENERATE
        ProbeResult result = r.result();                      // 4 draws per particle pushed forward, as for chains
        System.out.println(r.pool());                         // the shared prior pool: its size and cost
        // README-END population
        assertThat(result.size()).isEqualTo(4 * 256 * SmcConfig.DEFAULT_DRAWS);
        assertThat(run.status()).isEqualTo(PopulationStatus.OK);
        assertThat(result.attainment(0.1).estimate()).isGreaterThan(0.5);
    }
}
