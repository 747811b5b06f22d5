package dev.probe.core.query;

import static dev.probe.core.query.EnergyCheck.check;
import static dev.probe.core.query.EnergyCheck.softmax;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.probe.core.model.Classifier;
import dev.probe.core.model.Regressor;
import dev.probe.core.model.TestModels;
import org.junit.jupiter.api.Test;

/** Probing functions of "Generating Samples to Probe Trained Models": values by hand, gradients by finite differences. */
class ProbingFunctionsTest {
    private static final Classifier F = EnergyCheck.softmaxOfInput(3);
    private static final double[] X = {0.2, -0.4, 1.1};
    private static final double[] P = softmax(X);

    @Test
    void predictionRiskyMultiClassIsNegativeEntropyOverTemperature() {
        double negEntropy = 0;
        for (double p : P) {
            negEntropy += p * Math.log(p);
        }
        check(PredictionRisky.entropy(F).temperature(0.25), X, negEntropy / 0.25);
    }

    @Test
    void predictionRiskyDecisionIsPowerOfDistanceToTheCutoff() {
        Regressor identity = Regressor.of(EnergyCheck.softmaxOfInput(2).function());
        double[] x = {0.7, -0.2};
        check(PredictionRisky.decision(identity, 0.3, 3).temperature(2), x, Math.pow(0.4, 3) / 2);
        check(PredictionRisky.decision(identity, 0.3, 2), x, 0.16);
    }

    @Test
    void localiserIsWeightedPowerDistanceToTheAnchor() {
        double[] a = {1, 0, -1};
        double[] w = {1, 2, 0.5};
        double expected = 0.3 * (Math.pow(0.8, 1.5) * 1 + Math.pow(0.4, 1.5) * 2 + Math.pow(2.1, 1.5) * 0.5) / 0.1;
        check(Localiser.around(a).lambda(0.3).power(1.5).weights(w).temperature(0.1), X, expected);
    }

    @Test
    void fixedLabelIsSquaredErrorToTheOneHotLabel() {
        double expected = (P[0] * P[0] + Math.pow(P[1] - 1, 2) + P[2] * P[2]) / 0.5;
        check(FixedLabel.of(F, 1).temperature(0.5), X, expected);
        assertThat(FixedLabel.of(F, 1).targetDistance(new double[][] {P})).isCloseTo(1 - P[1], within(1e-12));
    }

    @Test
    void aLocaliserAroundANaNIsRefusedWhenBuiltNotWhenSampled() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Localiser.around(new double[] {0.5, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The localiser's anchor (the factual) has NaN at feature 1: every value must be finite (fill in "
                        + "a missing value before probing).");
    }

    @Test
    void aRegressorsFixedValueMustBeFiniteAndResultsNameModelsAndIndicesClearly() {
        // a new user's FixedLabel.of(regressor, NaN) was built, and refused only at sampling
        Regressor identity = Regressor.of(EnergyCheck.softmaxOfInput(2).function());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FixedLabel.of(identity, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be finite, got NaN");
        dev.probe.core.result.Sample s = new dev.probe.core.result.Sample(0, new double[] {0}, new double[] {0},
                new double[][] {{0.2, 0.8}}, 0);
        assertThat(s.predicted(0)).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.predicted(5))
                .hasMessage("Model 5 does not exist: this sample holds the outputs of 1 model (index 0), in the order "
                        + "of the query's models().");
    }

    @Test
    void aManyClassTargetIsDescribedByItsNonZeroEntries() {
        // a new user's 1000-class interpolation printed 1000 numbers in every message
        double[] wide = new double[1000];
        wide[0] = 0.7;
        wide[1] = 0.3;
        assertThat(TargetConfidence.shown(wide)).isEqualTo("{0: 0.7, 1: 0.3} of 1000 classes");
        assertThat(TargetConfidence.shown(new double[] {0.5, 0.5, 0})).isEqualTo("[0.5, 0.5, 0.0]");
    }

    @Test
    void counterfactualAddsTheLocaliserAtTheSameTemperature() {
        double[] a = {0, 0, 0};
        Query cf = FixedLabel.counterfactual(F, 2, Localiser.around(a).lambda(0.1).temperature(0.2));
        double label = (P[0] * P[0] + P[1] * P[1] + Math.pow(P[2] - 1, 2)) / 0.2;
        double local = 0.1 * (0.04 + 0.16 + 1.21) / 0.2;
        check(cf, X, label + local);
    }

    @Test
    void contrastOfClassifiersIsExpOfMinusSquaredGap() {
        Classifier g = EnergyCheck.softmaxOfInput(3);
        // both read the same input; g sees the same logits, so compare F with a shifted copy via a sum check
        double[] x = {0.2, -0.4, 1.1};
        assertThat(EnergyCheck.value(ModelContrast.classifiers(F, g).temperature(0.5), x)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void contrastOfTwoLinearRegressors() {
        Regressor a = TestModels.linearRegressor("a", new double[] {1, 2}, 0.5);
        Regressor b = TestModels.linearRegressor("b", new double[] {-1, 1}, 0);
        double[] x = {0.3, -0.2};
        double gap = (0.3 - 0.4 + 0.5) - (-0.3 - 0.2);
        double expected = Math.exp(-gap * gap / 0.25) / 0.1;
        assertThat(EnergyCheck.value(ModelContrast.regressors(a, b, 0.5).temperature(0.1), x)).isCloseTo(expected, within(1e-5));
    }

    @Test
    void sumAddsEnergiesAndSharesModels() {
        Query sum = HighConfidence.of(F, 0).plus(PredictionRisky.entropy(F)).plus(Localiser.around(new double[3]));
        double expected = EnergyCheck.value(HighConfidence.of(F, 0), X) + EnergyCheck.value(PredictionRisky.entropy(F), X)
                + EnergyCheck.value(Localiser.around(new double[3]), X);
        check(sum, X, expected);
        assertThat(sum.models()).hasSize(1);
        assertThat(sum.targetDistance(new double[][] {P})).isCloseTo(1 - P[0], within(1e-12));
    }
}
