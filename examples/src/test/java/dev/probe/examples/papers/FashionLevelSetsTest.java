package dev.probe.examples.papers;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;

import dev.probe.core.model.Classifier;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.space.SampleSpace;
import dev.probe.examples.models.BundledModel;
import dev.probe.junit.annotations.Generator;
import dev.probe.junit.annotations.ModelUnderTest;
import dev.probe.junit.annotations.ProbeDefaults;
import dev.probe.junit.annotations.ProbeHighConfidence;

/** High-confidence level sets of the Fashion-MNIST CNN through the Fashion-MNIST VAE. */
@ProbeDefaults(chains = 8, warmup = 120, draws = 30)
class FashionLevelSetsTest {
    @ModelUnderTest
    static Classifier cnn() {
        return PaperModels.imageClassifier(BundledModel.FASHION_CNN);
    }

    @Generator
    static SampleSpace vae() {
        return PaperModels.vae(BundledModel.FASHION_VAE);
    }

    @ProbeHighConfidence
    void highConfidence(ProbeResult result) {
        assertThat(result).hasTargetAttainmentAtLeast(0.3);
    }
}
