package dev.probe.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.probe.core.autograd.Autograd;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.model.Regressor;
import dev.probe.core.model.TestModels;
import dev.probe.core.model.WeightNoise;
import dev.probe.core.autograd.ValueAndGradient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Eq. 6 by hand on tiny linear models with K = 2 known perturbations (float32 models: tolerances 1e-5 on
 * values, 1e-3 on central finite differences with h = 1e-3).
 */
class ParameterSensitiveTest {
    private static final double[] X = {0.4, -0.7};

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double dot(double[] w, double b) {
        return w[0] * X[0] + w[1] * X[1] + b;
    }

    @Test
    void binaryIsMeanSquaredGapToTheFlippedPrediction() {
        Classifier theta = TestModels.logisticRegression("theta", new double[] {1, -2}, 0.5);
        Classifier k1 = TestModels.logisticRegression("k1", new double[] {1.3, -1.8}, 0.2);
        Classifier k2 = TestModels.logisticRegression("k2", new double[] {-0.5, -2.4}, 0.9);
        Query q = ParameterSensitive.binary(theta, List.of(k1, k2)).temperature(0.5);
        double flipped = 1 - sigmoid(dot(new double[] {1, -2}, 0.5));
        double g1 = sigmoid(dot(new double[] {1.3, -1.8}, 0.2)) - flipped;
        double g2 = sigmoid(dot(new double[] {-0.5, -2.4}, 0.9)) - flipped;
        double expected = (g1 * g1 + g2 * g2) / 2 / 0.5;
        assertThat(EnergyCheck.value(q, X)).isCloseTo(expected, within(1e-5));
        checkGradient(q, X);
        double[][] outputs = {{1 - sigmoid(dot(new double[] {1, -2}, 0.5)), sigmoid(dot(new double[] {1, -2}, 0.5))},
                {0, g1 + flipped}, {0, g2 + flipped}};
        assertThat(q.targetDistance(outputs)).isCloseTo(Math.sqrt((g1 * g1 + g2 * g2) / 2), within(1e-12));
        assertThat(q.models()).containsExactly(theta, k1, k2);
    }

    @Test
    void multiClassIsMeanExpOfSquaredProbabilityGap() {
        double[][] w = {{1, 0}, {0, 1}, {-1, -1}};
        double[][] w1 = {{1.2, 0}, {0, 0.7}, {-1, -0.6}};
        double[][] w2 = {{0.8, 0.3}, {0.1, 1}, {-1.4, -1}};
        double[] b = {0, 0.1, -0.2};
        Classifier theta = Classifier.fromLogits(DjlBlockFunction.of(TestModels.linear("t3", w, b), new Shape(2)));
        Classifier c1 = Classifier.fromLogits(DjlBlockFunction.of(TestModels.linear("c1", w1, b), new Shape(2)));
        Classifier c2 = Classifier.fromLogits(DjlBlockFunction.of(TestModels.linear("c2", w2, b), new Shape(2)));
        Query q = ParameterSensitive.multiClass(theta, List.of(c1, c2)).withSigma(0.3).temperature(0.2);
        double[] p = EnergyCheck.softmax(logits(w, b));
        double expected = 0;
        for (double[][] wk : new double[][][] {w1, w2}) {
            double[] pk = EnergyCheck.softmax(logits(wk, b));
            double sq = 0;
            for (int j = 0; j < 3; j++) {
                sq += (pk[j] - p[j]) * (pk[j] - p[j]);
            }
            expected += Math.exp(-sq / 0.09);
        }
        expected /= 2 * 0.2;
        assertThat(EnergyCheck.value(q, X)).isCloseTo(expected, within(1e-5));
        checkGradient(q, X);
    }

    @Test
    void regressionIsMeanExpOfSquaredPredictionGap() {
        Regressor theta = TestModels.linearRegressor("r", new double[] {1, 2}, 0.5);
        Regressor r1 = TestModels.linearRegressor("r1", new double[] {1.5, 2}, 0.5);
        Regressor r2 = TestModels.linearRegressor("r2", new double[] {1, 1}, 0);
        Query q = ParameterSensitive.regression(theta, List.of(r1, r2), 0.4);
        double y = dot(new double[] {1, 2}, 0.5);
        double d1 = dot(new double[] {1.5, 2}, 0.5) - y;
        double d2 = dot(new double[] {1, 1}, 0) - y;
        double expected = (Math.exp(-d1 * d1 / 0.16) + Math.exp(-d2 * d2 / 0.16)) / 2;
        assertThat(EnergyCheck.value(q, X)).isCloseTo(expected, within(1e-5));
        checkGradient(q, X);
        assertThat(q.targetDistance(new double[][] {{y}, {y + d1}, {y + d2}}))
                .isCloseTo(Math.max(0, 0.4 - (Math.abs(d1) + Math.abs(d2)) / 2), within(1e-12));
    }

    @Test
    void copiesFromWeightNoiseAreUsedInOrderAfterTheTrainedModel() {
        Classifier theta = TestModels.logisticRegression("lr", new double[] {2, -1}, 0.5);
        ParameterSensitive q = ParameterSensitive.binary(theta, () -> Linear.builder().setUnits(2).build(),
                WeightNoise.gaussian(0.1, 3, 9));
        assertThat(q.draws()).isEqualTo(3);
        assertThat(q.models()).extracting(m -> m.name()).containsExactly("lr", "lr~1", "lr~2", "lr~3");
        assertThat(q.isDifferentiable()).isTrue();
    }

    @Test
    void binaryFormRejectsThreeClassesWithItsFix() {
        Classifier three = EnergyCheck.softmaxOfInput(3);
        assertThatThrownBy(() -> ParameterSensitive.binary(three, List.of(EnergyCheck.softmaxOfInput(3))))
                .hasMessageContaining("2-class").hasMessageContaining("multiClass");
        Classifier blackBox = TestModels.logisticRegressionBlackBox("bb", new double[] {1, 1}, 0);
        assertThatThrownBy(() -> ParameterSensitive.binary(blackBox, () -> Linear.builder().setUnits(2).build(),
                WeightNoise.gaussian(0.1, 2, 1))).hasMessageContaining("DjlBlockFunction.of");
    }

    /** Autograd gradient against central finite differences (float32 models). */
    private static void checkGradient(Query q, double[] x) {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] xf = new float[x.length];
            for (int k = 0; k < x.length; k++) {
                xf[k] = (float) x[k];
            }
            // float32 input, as in the samplers (DJL's float64 → float32 cast does not carry the gradient)
            ValueAndGradient eg = Autograd.valueAndGradient(m.create(xf, new Shape(1, x.length)), q::energy);
            double[] g = eg.gradient().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
            for (int k = 0; k < x.length; k++) {
                double h = 1e-3;
                double[] up = x.clone();
                double[] down = x.clone();
                up[k] += h;
                down[k] -= h;
                double fd = (EnergyCheck.value(q, up) - EnergyCheck.value(q, down)) / (2 * h);
                assertThat(g[k]).as("%s: dU/dx%d", q.describe(), k).isCloseTo(fd, within(1e-3 * Math.max(1, Math.abs(fd))));
            }
        }
    }

    private static double[] logits(double[][] w, double[] b) {
        double[] z = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            z[j] = w[j][0] * X[0] + w[j][1] * X[1] + b[j];
        }
        return z;
    }
}
