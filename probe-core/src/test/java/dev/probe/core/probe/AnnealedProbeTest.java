package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.model.TestModels;
import dev.probe.core.query.Ambivalent;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import org.junit.jupiter.api.Test;

/** Annealing the question during warm-up lets short runs find thin level sets from random starts. */
class AnnealedProbeTest {
    private static final Classifier MODEL = Classifier.fromLogits(DjlBlockFunction.of(
            TestModels.linear("linear3", new double[][] {{3, 0}, {0, 3}, {-3, -3}}, new double[] {0, 0, 0}), new Shape(2)));

    private static ProbeResult run(double annealing) {
        SamplerConfig config = SamplerConfig.builder().chains(4).warmup(80).draws(20).seed(3).annealing(annealing)
                .screening(1).build(); // plain starts: this test is about annealing alone
        return Probe.of(InputSpace.box(new double[] {-3, -3}, new double[] {3, 3}), Ambivalent.between(MODEL, 1, 2))
                .sample(config);
    }

    @Test
    void annealingFindsTheAmbivalentLevelSetThatPlainWarmupMisses() {
        double plain = run(0).attainment(0.1).estimate();
        double annealed = run(0.5).attainment(0.1).estimate();
        assertThat(plain).as("without annealing (same seed, same budget)").isLessThan(0.3);
        assertThat(annealed).as("with annealing").isGreaterThan(0.7);
    }
}
