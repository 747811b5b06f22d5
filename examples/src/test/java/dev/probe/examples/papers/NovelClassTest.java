package dev.probe.examples.papers;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;

import dev.probe.core.model.Classifier;
import dev.probe.junit.ProbeAnswer;
import dev.probe.core.space.SampleSpace;
import dev.probe.examples.models.BundledModel;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.annotations.NovelClassExtrapolation;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbeGate;

/**
 * BAYES-PROBE novel-class extrapolation: a CNN trained on C1 = {0, 1, 3, 6, 9} (outputs 0..4 in that
 * order) probed with a VAE trained on C2 = {2, 4, 5, 7, 8}, which draws only digits it never saw.
 */
class NovelClassTest {
    @ProbedModel
    static Classifier c1() {
        return PaperModels.imageClassifier(BundledModel.MNIST_C1_CNN);
    }

    @Generator("c2")
    static SampleSpace c2() {
        return PaperModels.vae(BundledModel.MNIST_C2_VAE);
    }

    @NovelClassExtrapolation(generator = "c2")
    @ProbeSettings(particles = 128)
    @ProbeGate(minPassed = 1)
    void extrapolation(ProbeAnswer answer) {
        assertThat(answer).hasAcceptanceBetween(0.2, 0.95);
    }
}
