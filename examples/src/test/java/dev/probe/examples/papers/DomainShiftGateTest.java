package dev.probe.examples.papers;

import dev.probe.core.model.Classifier;
import dev.probe.core.result.Comparison;
import dev.probe.core.result.Oracle;
import dev.probe.core.space.SampleSpace;
import dev.probe.examples.models.BundledModel;
import dev.probe.junit.annotations.GateStatistic;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbeOracle;
import dev.probe.junit.annotations.ProbeRegressionGate;
import org.junit.jupiter.api.Tag;

/**
 * BAYES-PROBE's domain-shift finding as a regression gate that a reviewer sees fail: the domain-adapted
 * LeNet is better than the baseline by overall MNIST accuracy (85.95% vs 75.50%) and on most digits, but
 * on 7s it is confidently wrong more often — the prior mass of generated digits it calls 7 with p ≥ 0.9
 * while the oracle says otherwise more than doubles (0.037 → 0.084 of the VAE's distribution). Deliberately
 * failing; runs only with {@code -Pfailing-gate}. (Per class, the paper's own statistic — misclassification
 * among the level set's MCMC samples — has intervals too wide at this budget to show either way: the gate
 * with it is inconclusive on 8 of 10 classes, see examples/MODEL_CARD.md.) A passing gate between two close checkpoints is
 * {@link ModelVersionGateTest}.
 */
@Tag("failing-gate")
@ProbeSettings(chains = 16, warmup = 300, draws = 30)
class DomainShiftGateTest {
    @ProbedModel("baseline")
    static Classifier baseline() {
        return PaperModels.imageClassifier(BundledModel.SYNTH_LENET);
    }

    @ProbedModel("adapted")
    static Classifier adapted() {
        return PaperModels.imageClassifier(BundledModel.SYNTH_LENET_DANN);
    }

    @Generator
    static SampleSpace vae() {
        return PaperModels.vae(BundledModel.MNIST_VAE);
    }

    @ProbeOracle
    static Oracle mnistCnn() {
        return PaperModels.mnistCnnOracle();
    }

    /**
     * Per class, the adapted model's confidently wrong mass is within one percentage point of the
     * baseline's (independent prior draws, 4,800 per class): fails on 7, passes on the other digits.
     */
    @ProbeRegressionGate(baseline = "baseline", candidate = "adapted", statistic = GateStatistic.CONFIDENTLY_WRONG_MASS,
            margin = 0.01)
    void adaptedIsNotMoreOftenConfidentlyWrong(Comparison comparison) {}

}
