package dev.probe.junit.assertions;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.probe.Probe;
import dev.probe.core.probe.Sampling;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.result.Evidence;
import dev.probe.core.sampler.RandomWalkMetropolis;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import dev.probe.junit.ProbeAnswer;
import org.junit.jupiter.api.Test;

/**
 * A verdict counts only when its evidence does. Through the core API an answer from chains that have not converged
 * used to pass {@code hasTargetAttainmentAtLeast} (a user saw it pass at R̂ 3.9); every assertion on what the samples
 * say now first requires the answer's evidence.
 */
class EvidenceGatedAssertionsTest {
    private static final Classifier MODEL = Classifier.fromLogits(BlackBoxFunction.of("linear-2", 2, 2, rows -> {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[] {2 * rows[i][0], -2 * rows[i][0]};
        }
        return out;
    }));
    private static final InputSpace BOX = InputSpace.box(new double[] {-3, -3}, new double[] {3, 3});

    /** Two short chains of a tiny random walk: far from converged. */
    private static ProbeAnswer unconverged() {
        Probe probe = Probe.of(BOX, HighConfidence.of(MODEL, 0));
        SamplerConfig config = SamplerConfig.builder().chains(2).warmup(0).draws(30).seed(4).build();
        return ProbeAnswer.of(probe.sample(config,
                Sampling.chains(RandomWalkMetropolis.of(BOX.proposal(), 0.001))), 0.1);
    }

    @Test
    void aRateAssertionOnUnconvergedChainsFailsSayingWhy() {
        ProbeAnswer answer = unconverged();
        assertThatThrownBy(() -> assertThat(answer).hasTargetAttainmentAtLeast(0))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected target attainment at least 0.0, on converged evidence (max R-hat <= 1.050")
                .hasMessageContaining("the samples cannot support a verdict");
        assertThatThrownBy(() -> assertThat(answer).hasTargetAttainmentAtMost(1))
                .hasMessageContaining("on converged evidence");
        assertThatThrownBy(() -> assertThat(answer).hasCounterfactualDistanceAtMost(new double[] {0, 0}, 100))
                .hasMessageContaining("on converged evidence");
    }

    @Test
    void anAnswerThatAttainedNothingIsToldThatNoBudgetReachesAnUnreachableSet() {
        // a price threshold above the model's maximum was told "give the sampler more budget" (a new user's rarity gate)
        Classifier unsure = Classifier.fromLogits(BlackBoxFunction.of("unsure", 2, 2, rows -> java.util.Arrays.stream(rows)
                .map(x -> new double[] {0.1 * x[0], -0.1 * x[0]}).toArray(double[][]::new)));
        SamplerConfig config = SamplerConfig.builder().chains(2).warmup(0).draws(30).seed(4).build();
        ProbeAnswer answer = ProbeAnswer.of(Probe.of(BOX, HighConfidence.of(unsure, 0)).sample(config,
                Sampling.chains(RandomWalkMetropolis.of(BOX.proposal(), 0.5))), 0.1);
        double nearest = java.util.Arrays.stream(answer.result().targetDistances()).min().orElseThrow();
        assertThatThrownBy(() -> assertThat(answer).hasTargetAttainmentAtLeast(0))
                // the nearest distance, which the "attained when" line reads in the outputs' terms
                .hasMessageMatching("(?s).*No sample attained the target \\(the nearest sample at target distance 0\\.\\d+, "
                        + "above the tolerance 0\\.1\\).*")
                .hasMessageContaining(new java.math.BigDecimal(nearest).round(new java.math.MathContext(5))
                        .stripTrailingZeros().toPlainString())
                .hasMessageContaining("\nattained when: p_0 of 'unsure' ≥ 0.9 (1 − tolerance 0.1)\n")
                .hasMessageContaining("above the tolerance 0.1): if no input reaches it (e.g. a threshold beyond the "
                        + "model's outputs), no budget will, so bound such a set by independent prior draws "
                        + "(Probe.levelSetMass or priorRate, exact intervals)")
                .hasMessageNotContaining("Give the sampler more budget (or populations), or relax");
    }

    @Test
    void aCounterfactualThatAttainedNothingIsToldOfItsLambda() {
        // the localiser held a new user's samples at p = 0.72, short of 0.9: "more budget" and levelSetMass do not help
        Classifier unsure = Classifier.fromLogits(BlackBoxFunction.of("unsure", 2, 2, rows -> java.util.Arrays.stream(rows)
                .map(x -> new double[] {0.1 * x[0], -0.1 * x[0]}).toArray(double[][]::new)));
        SamplerConfig config = SamplerConfig.builder().chains(2).warmup(0).draws(30).seed(4).build();
        ProbeAnswer answer = ProbeAnswer.of(Probe.of(BOX, dev.probe.core.query.FixedLabel.counterfactual(unsure, 0,
                dev.probe.core.query.Localiser.around(new double[] {-1, 0}).lambda(0.05))).sample(config,
                Sampling.chains(RandomWalkMetropolis.of(BOX.proposal(), 0.5))), 0.01);
        assertThatThrownBy(() -> assertThat(answer).hasTargetAttainmentAtLeast(0))
                .hasMessageMatching("(?s).*No sample attained the target \\(the nearest sample at target distance "
                        + "0\\.\\d+, above the tolerance 0\\.01\\): the localiser \\(λ = 0\\.05\\) holds the samples near "
                        + "the factual.*")
                .hasMessageContaining("give a smaller lambda").hasMessageNotContaining("Probe.levelSetMass");
        // a class the model gives nothing anywhere: every sample at the largest distance, which no lambda changes (a new
        // user's was told of its lambda)
        Classifier never = Classifier.fromLogits(BlackBoxFunction.of("never", 2, 3, rows -> java.util.Arrays.stream(rows)
                .map(x -> new double[] {x[0], -x[0], -40}).toArray(double[][]::new)));
        ProbeAnswer nothing = ProbeAnswer.of(Probe.of(BOX, dev.probe.core.query.FixedLabel.counterfactual(never, 2,
                dev.probe.core.query.Localiser.around(new double[] {-1, 0}).lambda(0.05))).sample(config,
                Sampling.chains(RandomWalkMetropolis.of(BOX.proposal(), 0.5))), 0.1);
        assertThatThrownBy(() -> assertThat(nothing).hasTargetAttainmentAtLeast(0))
                .hasMessageContaining("every sample is at the largest distance the question allows, where the model gives "
                        + "the target nothing; no budget, lambda or tolerance changes that")
                .hasMessageNotContaining("give a smaller lambda");
    }

    @Test
    void aToleranceAtWhichEverySampleAttainsIsRefused() {
        // a user's hasTargetAttainmentAtLeast(0.99) passed trivially at tolerance 0.6 on a two-class ambivalent probe
        SamplerConfig config = SamplerConfig.builder().chains(2).warmup(0).draws(10).seed(4).build();
        var torn = Probe.of(BOX, dev.probe.core.query.Ambivalent.between(MODEL, 0, 1)).sample(config,
                Sampling.chains(RandomWalkMetropolis.of(BOX.proposal(), 0.1)));
        org.assertj.core.api.Assertions.assertThat(torn.largestTargetDistance()).isEqualTo(0.5);
        assertThatThrownBy(() -> ProbeAnswer.of(torn, 0.6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A tolerance of 0.6 lets every sample attain the target of Ambivalent[linear-2")
                .hasMessageContaining("at most 0.5 for any input").hasMessageContaining("below 0.5");
        org.assertj.core.api.Assertions.assertThat(ProbeAnswer.of(torn, 0.4).tolerance()).isEqualTo(0.4);
        assertThatThrownBy(() -> ProbeAnswer.of(unconverged().result(), 1)).hasMessageContaining("at most 1.0 for any input");
        assertThatThrownBy(() -> ProbeAnswer.of(torn, 0)).hasMessage("The tolerance must be a positive number, got 0.0");
        assertThatThrownBy(() -> ProbeAnswer.of(torn, Double.NaN)).hasMessageContaining("must be a positive number");
    }

    @Test
    void evidenceTheAnswerIsGivenDecides() {
        ProbeAnswer lenient = unconverged().withEvidence(new Evidence(1000, 0, 0.1));
        assertThat(lenient).hasTargetAttainmentAtLeast(0).hasTargetAttainmentAtMost(1);
        org.assertj.core.api.Assertions.assertThat(ProbeAnswer.of(lenient.result(), 0.2).evidence())
                .isEqualTo(new Evidence(1.05, 100, 0.2, 0));
    }
}
