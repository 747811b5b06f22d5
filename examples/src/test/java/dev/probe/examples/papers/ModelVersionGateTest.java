package dev.probe.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A regression gate that passes: two close checkpoints of one model (the domain-adapted LeNet after its
 * fifth and its sixth epoch) are compared on how much of the MNIST VAE's distribution each is confidently
 * wrong about (prior mass of {p_c ≥ 0.9 and the oracle says otherwise}, pooled over the ten classes; no
 * MCMC, so the settings only fix how many prior draws: 1,600 per class). The later checkpoint is shown to be
 * no worse than the earlier one by more than two percentage points (measured: 19.4% and 20.5% of the VAE's digits
 * confidently wrong, difference +1.05 points, 95% CI [+0.67, +1.43]; within one point it is inconclusive). Its failing
 * counterpart is {@link DomainShiftGateTest}.
 */
@ProbeSettings(chains = 8, draws = 20)
class ModelVersionGateTest {
    @ProbedModel("previous")
    static Classifier previous() {
        return PaperModels.imageClassifier(BundledModel.SYNTH_LENET_DANN_CKPT);
    }

    @ProbedModel("final")
    static Classifier finalCheckpoint() {
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

    // README-BEGIN gate
    /** Is the final checkpoint no worse? At most 2 points more of the generator's digits confidently wrong. */
    @ProbeRegressionGate(baseline = "previous", candidate = "final", statistic = GateStatistic.CONFIDENTLY_WRONG_MASS,
            margin = 0.02, pooled = true)
    void finalCheckpointIsNoWorse(Comparison comparison) {
        System.out.println(comparison.describe()); // the gate has passed; the comparison is there to look at
        assertThat(comparison.baseline().effectiveSize()).isEqualTo(10 * 8 * 20 * 10); // 1,600 draws × 10 classes
    }
    // README-END gate
}
