package dev.probe.examples.papers;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;

import dev.probe.core.model.Classifier;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.space.SampleSpace;
import dev.probe.examples.models.BundledModel;
import dev.probe.junit.annotations.Generator;
import dev.probe.junit.annotations.ModelUnderTest;
import dev.probe.junit.annotations.NovelClassExtrapolation;
import dev.probe.junit.annotations.ProbeDefaults;
import dev.probe.junit.annotations.ProbeGate;

/**
 * BAYES-PROBE novel-class extrapolation: a CNN trained on C1 = {0, 1, 3, 6, 9} (outputs 0..4 in that
 * order) probed with a VAE trained on C2 = {2, 4, 5, 7, 8}, which draws only digits it never saw.
 */
@ProbeDefaults(chains = 8, warmup = 120, draws = 30)
class NovelClassTest {
    @ModelUnderTest
    static Classifier c1() {
        return PaperModels.imageClassifier(BundledModel.MNIST_C1_CNN);
    }

    @Generator("c2")
    static SampleSpace c2() {
        return PaperModels.vae(BundledModel.MNIST_C2_VAE);
    }

    @NovelClassExtrapolation(generator = "c2")
    @ProbeGate(minSampled = 3)
    void extrapolation(ProbeResult result) {
        assertThat(result).hasAcceptanceBetween(0.2, 0.95);
    }
}
