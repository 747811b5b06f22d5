package dev.probe.junit.assertions;

import static dev.probe.junit.assertions.ProbeAssertions.assertThatPooled;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.probe.Probe;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.result.Oracle;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import dev.probe.junit.ProbeAnswer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pooled misclassification rates over the high-confidence probes of two classes. */
class PooledAnswersAssertTest {
    /** Softmax of the logits (3·x0, 3·x1, −3·x0 − 3·x1), as a black box. */
    private static final Classifier MODEL = Classifier.fromProbabilities(BlackBoxFunction.of("pooled-linear", 2, 3, rows -> {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] z = {3 * rows[i][0], 3 * rows[i][1], -3 * rows[i][0] - 3 * rows[i][1]};
            double max = Math.max(z[0], Math.max(z[1], z[2]));
            double sum = 0;
            out[i] = new double[3];
            for (int k = 0; k < 3; k++) {
                out[i][k] = Math.exp(z[k] - max);
                sum += out[i][k];
            }
            for (int k = 0; k < 3; k++) {
                out[i][k] /= sum;
            }
        }
        return out;
    }));
    private static final InputSpace BOX = InputSpace.box(new double[] {-3, -3}, new double[] {3, 3});

    private static ProbeAnswer confident(int c, Oracle oracle) {
        return ProbeAnswer.of(Probe.of(BOX, HighConfidence.of(MODEL, c))
                .sample(SamplerConfig.builder().chains(8).warmup(200).draws(100).seed(11 + c).build()), 0.1).withOracle(oracle);
    }

    @Test
    void poolsTheRatesOfEveryAnswer() {
        Oracle alwaysZero = Oracle.constant(0);
        List<ProbeAnswer> answers = List.of(confident(0, alwaysZero), confident(1, alwaysZero));
        // class 0's confident samples are right, class 1's all wrong: the pooled rate is about one half
        assertThatPooled(answers).hasMisclassificationRateAtMost(1.0);
        assertThatThrownBy(() -> assertThatPooled(answers).hasMisclassificationRateAtMost(0.2))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected the misclassification rate among samples attaining their targets, "
                        + "averaged over 2 probes with equal weights, at most 0.2000")
                .hasMessageContaining("mean: 0.5000")
                .hasMessageContaining("HighConfidence[pooled-linear, class 1");
        // class 0 alone: none wrong (its bound is wide: a constant indicator falls back to the energy's ESS)
        assertThatPooled(List.of(answers.get(0))).hasMisclassificationRateAtMost(0.5);
    }

    @Test
    void eachAnswerWeighsTheSameAndMustMeetItsEvidence() {
        Oracle alwaysZero = Oracle.constant(0);
        ProbeAnswer right = confident(0, alwaysZero);
        ProbeAnswer wrong = confident(1, alwaysZero);
        // the same two answers, one listed twice: equal weights make the mean 2/3 whatever each one's draw count
        assertThatThrownBy(() -> assertThatPooled(List.of(right, wrong, wrong)).hasMisclassificationRateAtMost(0.6))
                .hasMessageContaining("mean: 0.6667");
        // an answer whose evidence is not met makes the aggregate no verdict, even one that would pass
        ProbeAnswer unproven = wrong.withEvidence(new dev.probe.core.result.Evidence(1.05, 1e9, 0.1));
        assertThatThrownBy(() -> assertThatPooled(List.of(right, unproven)).hasMisclassificationRateAtMost(1.0))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("on converged evidence, but these answers do not meet theirs")
                .hasMessageContaining("HighConfidence[pooled-linear, class 1")
                .hasMessageNotContaining("class 0");
    }

    @Test
    void nothingToPoolAndMissingOraclesAreFailuresNamingTheCause() {
        assertThatThrownBy(() -> assertThatPooled(List.of()).hasMisclassificationRateAtMost(1))
                .hasMessageContaining("No probe answers to pool");
        ProbeAnswer noOracle = ProbeAnswer.of(Probe.of(BOX, HighConfidence.of(MODEL, 0))
                .sample(SamplerConfig.builder().chains(2).warmup(10).draws(5).seed(1).build()), 0.1);
        assertThatThrownBy(() -> assertThatPooled(List.of(noOracle)).hasMisclassificationRateAtMost(1))
                .hasMessageContaining("has no oracle");
    }
}
