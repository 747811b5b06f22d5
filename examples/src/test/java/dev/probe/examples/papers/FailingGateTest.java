package dev.probe.examples.papers;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;

import dev.probe.core.model.Classifier;
import dev.probe.junit.ProbeAnswer;
import dev.probe.core.space.SampleSpace;
import dev.probe.examples.models.BundledModel;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.annotations.ProbeAmbivalent;
import dev.probe.junit.ProbeSettings;
import org.junit.jupiter.api.Tag;

/**
 * A deliberately failing quality gate, to show what a failing build looks like: "the CNN must never be
 * torn between 4 and 9" — it is, and the failure names the probe, the numbers, the seed and the command
 * that re-runs it. Runs only with {@code -Pfailing-gate}.
 */
@Tag("failing-gate")
@ProbeSettings(chains = 8, warmup = 120, draws = 30)
class FailingGateTest {
    @ProbedModel
    static Classifier cnn() {
        return PaperModels.imageClassifier(BundledModel.MNIST_CNN);
    }

    @Generator
    static SampleSpace vae() {
        return PaperModels.vae(BundledModel.MNIST_VAE);
    }

    @ProbeAmbivalent(pairs = "4:9")
    void neverTornBetweenFourAndNine(ProbeAnswer answer) {
        assertThat(answer).hasTargetAttainmentAtMost(0.0);
    }
}
