package dev.probe.core.probe;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.model.TestModels;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.space.LatentSpace;

/**
 * The linear-softmax oracle (SMC-NOTES §8.2, BAYES-PROBE relaxation): a 5-d standard normal latent, identity
 * decoder, a two-class linear classifier with logits {@code (0, w·z + b)}, {@code |w| = 1}, and the query
 * "high confidence in class 1" with {@code σ}. Then {@code f = w·z + b ~ N(b, 1)} and
 * {@code Z = E[exp(−(1 − sigmoid(f))²/2σ²)]}, a one-dimensional integral (trapezoid on b ± 12, 2·10⁵ points).
 */
final class LinearSoftmaxPriorMass {
    static final int D = 5;
    static final double[] W = {0.6, 0.8, 0, 0, 0};

    private LinearSoftmaxPriorMass() {}

    static LatentSpace space() {
        double[][] identity = new double[D][D];
        for (int k = 0; k < D; k++) {
            identity[k][k] = 1;
        }
        return LatentSpace.standardNormal(DjlBlockFunction.of(TestModels.linear("identity5", identity, new double[D]),
                new Shape(D)));
    }

    static Classifier classifier(double b) {
        return TestModels.logisticRegression("linear-softmax", W, b);
    }

    static HighConfidence query(Classifier c, double sigma) {
        return HighConfidence.of(c, 1).withSigma(sigma);
    }

    /** {@code log Z} by quadrature. */
    static double logZ(double b, double sigma) {
        int points = 200_000;
        double lo = b - 12;
        double hi = b + 12;
        double h = (hi - lo) / points;
        double sum = 0;
        for (int i = 0; i <= points; i++) {
            double f = lo + i * h;
            double p = 1 / (1 + Math.exp(-f));
            double s = Math.exp(-(1 - p) * (1 - p) / (2 * sigma * sigma));
            double density = Math.exp(-(f - b) * (f - b) / 2) / Math.sqrt(2 * Math.PI);
            sum += (i == 0 || i == points ? 0.5 : 1) * s * density;
        }
        return Math.log(sum * h);
    }
}
