package dev.probe.examples.papers;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;

import dev.probe.core.model.Classifier;
import dev.probe.junit.ProbeAnswer;
import dev.probe.core.space.SampleSpace;
import dev.probe.examples.models.BundledModel;
import dev.probe.junit.Generator;
import dev.probe.junit.annotations.InDistributionAdversarial;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeModelContrast;

/**
 * BAYES-PROBE §3 use cases on MNIST: in-distribution adversarial examples (VAEs trained without 1, 4
 * or 7 asked for digits the CNN calls 1, 4 or 7) and "Generating Samples to Probe Trained Models" eq. 5
 * (where the CNN and the MLP disagree).
 */
class MnistGeneratorProbesTest {
    @ProbedModel("cnn")
    static Classifier cnn() {
        return PaperModels.imageClassifier(BundledModel.MNIST_CNN);
    }

    @ProbedModel("mlp")
    static Classifier mlp() {
        return PaperModels.imageClassifier(BundledModel.MNIST_MLP);
    }

    @Generator
    static SampleSpace vae() {
        return PaperModels.vae(BundledModel.MNIST_VAE);
    }

    @Generator(excludes = 1)
    static SampleSpace withoutOne() {
        return PaperModels.vae(BundledModel.MNIST_VAE_NO1);
    }

    @Generator(excludes = 4)
    static SampleSpace withoutFour() {
        return PaperModels.vae(BundledModel.MNIST_VAE_NO4);
    }

    @Generator(excludes = 7)
    static SampleSpace withoutSeven() {
        return PaperModels.vae(BundledModel.MNIST_VAE_NO7);
    }

    /**
     * Digits a generator without class c draws that the CNN calls c with certainty: wrong by construction.
     * No gate: at the quick budget these level sets (prior mass 1e-8 to 1e-13 under the class-free
     * generators) are not reached with converged evidence; summary.csv records each invocation's numbers.
     */
    @InDistributionAdversarial(model = "cnn", tolerance = 0.2)
    @ProbeSettings(sigma = 0.1, particles = 128)
    void adversarial(ProbeAnswer answer) {
        assertThat(answer).hasAcceptanceBetween(0.2, 0.95);
    }

    /**
     * Where the CNN and the MLP disagree: most samples are labelled differently by the two. Sampled by SMC
     * populations: MALA chains on this Gibbs distribution stayed at R̂ ≈ 4 (the disagreement regions are
     * separate modes of the latent space).
     */
    @ProbeModelContrast(models = {"cnn", "mlp"}, tolerance = 0.5)
    @ProbeSettings(tau = 0.1, sampler = SamplerKind.SMC, particles = 128)
    void contrast(ProbeAnswer answer) {
        assertThat(answer).hasDisagreementRateAtLeast("mnist-cnn", "mnist-mlp", 0.3);
    }
}
