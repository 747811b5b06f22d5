package com.example.fashion;

// README-BEGIN consumer
import static dev.probe.junit.assertions.ProbeAssertions.assertThat;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.TorchScriptFunction;
import dev.probe.core.space.LatentSpace;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.annotations.ProbeAmbivalent;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.nio.file.Path;

/**
 * Probes of a Fashion-MNIST classifier through a Fashion-MNIST VAE, both trained in PyTorch and
 * exported to TorchScript (src/test/resources/models): what a team would write for its own models.
 */
@ProbeSettings(chains = 16, warmup = 300, draws = 100)
class FashionProbesTest {
    static final Path MODELS = Path.of("src/test/resources/models");

    /** The classifier: [N, 1, 28, 28] pixels in [0, 1] to logits over the 10 Fashion-MNIST classes. */
    @ProbedModel
    static Classifier cnn() {
        return Classifier.fromLogits(TorchScriptFunction.load(MODELS.resolve("fashion-cnn.pt"), new Shape(1, 28, 28)));
    }

    /** The generator: a VAE decoder from a 4-d standard-normal latent to [N, 1, 28, 28] pixels. */
    @Generator
    static SampleSpace vae() {
        return LatentSpace.standardNormal(TorchScriptFunction.load(MODELS.resolve("fashion-vae-decoder.pt"), new Shape(4)));
    }

    /** Trousers, sneakers and bags the classifier is certain about: most samples reach p >= 0.9. */
    @ProbeHighConfidence(classes = {1, 7, 8})
    void highConfidence(ProbeAnswer answer) {
        assertThat(answer).hasTargetAttainmentAtLeast(0.5);
    }

    /** Garments the classifier is torn between pullover (2) and coat (4) on, and shirt (6) and T-shirt (0). */
    @ProbeAmbivalent(pairs = {"2:4", "0:6"}, tolerance = 0.2)
    @ProbeSettings(sigma = 0.1)
    void tornBetweenSimilarGarments(ProbeAnswer answer) {
        assertThat(answer).hasAcceptanceBetween(0.2, 0.95);
    }
}
// README-END consumer
