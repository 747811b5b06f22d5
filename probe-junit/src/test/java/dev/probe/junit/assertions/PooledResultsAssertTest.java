package dev.probe.junit.assertions;

import static dev.probe.junit.assertions.ProbeAssertions.assertThatPooled;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.model.TestModels;
import dev.probe.core.probe.Probe;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.result.Oracle;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pooled misclassification rates over the high-confidence probes of two classes. */
class PooledResultsAssertTest {
    private static final Classifier MODEL = Classifier.fromLogits(DjlBlockFunction.of(
            TestModels.linear("pooled-linear", new double[][] {{3, 0}, {0, 3}, {-3, -3}}, new double[] {0, 0, 0}),
            new Shape(2)));
    private static final InputSpace BOX = InputSpace.box(new double[] {-3, -3}, new double[] {3, 3});

    private static ProbeResult confident(int c) {
        return Probe.of(BOX, HighConfidence.of(MODEL, c))
                .sample(SamplerConfig.builder().chains(4).warmup(100).draws(40).seed(11 + c).build());
    }

    @Test
    void poolsTheRatesOfEveryResult() {
        List<ProbeResult> results = List.of(confident(0), confident(1));
        Oracle alwaysZero = Oracle.constant(0);
        // class 0's confident samples are right, class 1's all wrong: the pooled rate is about one half
        assertThatPooled(results).hasMisclassificationRateAtMost("pooled-linear", alwaysZero, 0.1, 1.0);
        assertThatThrownBy(() -> assertThatPooled(results)
                .hasMisclassificationRateAtMost("pooled-linear", alwaysZero, 0.1, 0.2))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected the pooled misclassification rate of pooled-linear among samples "
                        + "attaining their targets (2 probes) at most 0.2000")
                .hasMessageContaining("pooled: ")
                .hasMessageContaining("HighConfidence[pooled-linear, class 1");
        assertThatPooled(List.of(results.get(0))).hasMisclassificationRateAtMost("pooled-linear", alwaysZero, 0.1, 0.2);
    }

    @Test
    void nothingToPoolIsAFailureNamingTheCause() {
        assertThatThrownBy(() -> assertThatPooled(List.of()).hasMisclassificationRateAtMost("m", Oracle.constant(0), 0.1, 1))
                .hasMessageContaining("No probe results to pool");
    }
}
