package dev.probe.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.Regressor;
import dev.probe.core.model.TestModels;
import dev.probe.core.probe.Probe;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Query#attainedWhen} says what a tolerance means in the outputs' terms and units, and says it truly: the
 * threshold it names is where {@link Query#targetDistance} crosses the tolerance (a new user's failing regressor
 * contrast printed "attained fraction 0.99" without saying that attained meant a gap of at least σ − tolerance).
 */
class AttainedWhenTest {
    private static final Regressor A = TestModels.linearRegressor("priceA", new double[] {1, 0}, 0);
    private static final Regressor B = TestModels.linearRegressor("priceB", new double[] {0, 0}, 0);

    @Test
    void aRegressorContrastNamesTheGapInOutputUnitsAndTheGapItNamesIsTheOneThatAttains() {
        ModelContrast q = ModelContrast.regressors(A, B, 10);
        assertThat(q.attainedWhen(5)).isEqualTo("‖y_a − y_b‖ of 'priceA' and 'priceB' ≥ 5 (σ 10 − tolerance 5), in the outputs' units");
        assertThat(q.targetDistance(new double[][] {{5.0}, {0.0}})).isLessThanOrEqualTo(5);
        assertThat(q.targetDistance(new double[][] {{4.99}, {0.0}})).isGreaterThan(5);
        assertThat(q.attainedWhen(0.1)).contains("≥ 9.9 (σ 10 − tolerance 0.1)");
        assertThat(PredictionRisky.decision(A, 120, 1).attainedWhen(2)).isEqualTo("|y − 120| ≤ 2 for output 0 of 'priceA', in its units");
    }

    @Test
    void classifierQueriesNameTheProbabilityTheyAskFor() {
        Classifier c3 = Classifier.fromProbabilities(BlackBoxFunction.of("cnn", 2, 3, rows -> new double[rows.length][3]));
        Classifier d3 = Classifier.fromProbabilities(BlackBoxFunction.of("cnn2", 2, 3, rows -> new double[rows.length][3]));
        assertThat(HighConfidence.of(c3, 2).attainedWhen(0.1)).isEqualTo("p_2 of 'cnn' ≥ 0.9 (1 − tolerance 0.1)");
        assertThat(Ambivalent.between(c3, 0, 1).attainedWhen(0.1))
                .isEqualTo("p_0 and p_1 of 'cnn' within 0.1 of 0.5, every other class at most 0.1");
        assertThat(DecisionCutoff.of(c3, 1, 0.7).attainedWhen(0.05)).isEqualTo("p_1 of 'cnn' ≥ 0.65 (cut-off 0.7 − tolerance 0.05)");
        assertThat(ModelContrast.classifiers(c3, d3).attainedWhen(0.8))
                .isEqualTo("the total-variation distance ½‖p_a − p_b‖₁ of 'cnn' and 'cnn2' ≥ 0.2 (1 − tolerance 0.8)");
        assertThat(FullyAmbiguous.of(c3).attainedWhen(0.1)).isEqualTo("every class of 'cnn' within 0.1 of 1/3 = 0.333333");
        assertThat(PredictionRisky.entropy(c3).attainedWhen(0.05)).isEqualTo("every class of 'cnn' within 0.05 of 1/3 = 0.333333");
        assertThat(TargetConfidence.of(c3, new double[] {0.7, 0.3, 0}).attainedWhen(0.1))
                .isEqualTo("every class of 'cnn' within 0.1 of p* = (0.7, 0.3, 0)");
        // a localiser asks nothing of the outputs: a sum leaves it out (a new user's counterfactuals all ended "; and
        // target distance ≤ 0.1", always true)
        assertThat(HighConfidence.of(c3, 2).plus(Localiser.around(new double[2])).attainedWhen(0.1))
                .isEqualTo("p_2 of 'cnn' ≥ 0.9 (1 − tolerance 0.1)");
        assertThat(Localiser.around(new double[2]).attainedWhen(0.1)).startsWith("always");
        // a query without its own wording says what the tolerance bounds
        Query custom = new Query() {
            @Override
            public ai.djl.ndarray.NDArray energy(ai.djl.ndarray.NDArray x) {
                return x.sum(new int[] {1});
            }

            @Override
            public boolean isDifferentiable() {
                return true;
            }

            @Override
            public int inputDimension() {
                return 2;
            }

            @Override
            public List<dev.probe.core.model.ModelUnderTest> models() {
                return List.of(c3);
            }

            @Override
            public double targetDistance(double[][] outputs) {
                return 0;
            }

            @Override
            public String describe() {
                return "custom";
            }
        };
        assertThat(custom.attainedWhen(0.05)).isEqualTo("target distance ≤ 0.05");
    }

    @Test
    void aRegressorsSensitivityNamesTheMeanMoveInOutputUnits() {
        Regressor copy = TestModels.linearRegressor("copy", new double[] {1, 0.5}, 0);
        assertThat(ParameterSensitive.regression(A, List.of(copy, B), 2).attainedWhen(0.5)).isEqualTo(
                "the mean distance ‖y_k − y*‖ of 2 perturbed copies of 'priceA' ≥ 1.5 (σ 2 − tolerance 0.5), in the outputs' units");
    }

    @Test
    void aSampledResultCarriesItsQuerysWording() {
        ModelContrast q = ModelContrast.regressors(A, B, 0.5);
        ProbeResult r = Probe.of(InputSpace.box(new double[] {-1, -1}, new double[] {1, 1}), q)
                .sample(SamplerConfig.builder().chains(2).warmup(10).draws(10).seed(1).build());
        assertThat(r.attainedWhen(0.2)).isEqualTo(q.attainedWhen(0.2)).contains("≥ 0.3 (σ 0.5 − tolerance 0.2)");
    }
}
