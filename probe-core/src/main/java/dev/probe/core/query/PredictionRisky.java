package dev.probe.core.query;

import dev.probe.core.autograd.Constant;
import ai.djl.ndarray.NDArray;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.model.Regressor;
import java.util.Arrays;
import java.util.List;

/**
 * Prediction-risky samples, near the decision boundary ("Generating Samples to Probe Trained Models"
 * §3), as the Gibbs energy {@code G/τ} ({@code τ = 1} by default):
 * <ul>
 *   <li>{@link #entropy}: a multi-class classifier, {@code G(x) = −H(f(x)) = Σ_k f_k log f_k};
 *       target distance {@code ‖f − 1/L‖∞};
 *   <li>{@link #decision}: a binary decision function (SVM margin, logistic score) with cut-off
 *       {@code α}, {@code G(x) = |f(x) − α|^r}, {@code r ≥ 1}; target distance {@code |f(x) − α|}.
 * </ul>
 *
 * <pre>{@code
 * Query risky = PredictionRisky.entropy(creditModel).temperature(0.01);
 * Query margin = PredictionRisky.decision(svmMargin, 0.0, 2).temperature(0.1);
 * }</pre>
 */
public final class PredictionRisky implements Query {
    private final ModelUnderTest model;
    private final double alpha;
    private final double power;
    private final double tau;

    private PredictionRisky(ModelUnderTest model, double alpha, double power, double tau) {
        this.model = model;
        this.alpha = alpha;
        this.power = power;
        this.tau = Checks.temperature(tau);
    }

    /** Negative entropy of a classifier's probabilities. */
    public static PredictionRisky entropy(Classifier classifier) {
        return new PredictionRisky(classifier, Double.NaN, Double.NaN, 1);
    }

    /** {@code |f(x) − α|^r} of the first output of a decision function. */
    public static PredictionRisky decision(Regressor decisionFunction, double alpha, double r) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("The cut-off α must be finite, got " + alpha);
        }
        return new PredictionRisky(decisionFunction, alpha, Checks.power(r), 1);
    }

    /** The same query at temperature {@code τ}. */
    public PredictionRisky temperature(double t) {
        return new PredictionRisky(model, alpha, power, t);
    }

    @Override
    public NDArray energy(NDArray x) {
        if (model instanceof Classifier c) {
            NDArray logp = c.logProbabilities(x);
            return logp.exp().mul(logp).sum(new int[] {1}).div(Constant.of(logp, tau));
        }
        NDArray f = model.output(x).get(":, 0");
        NDArray gap = f.sub(Constant.of(f, alpha)).abs();
        return (power == 2 ? gap.square() : power == 1 ? gap : gap.pow(Constant.of(gap, power))).div(Constant.of(gap, tau));
    }

    @Override
    public boolean isDifferentiable() {
        return model.isDifferentiable();
    }

    @Override
    public int inputDimension() {
        return model.inputDimension();
    }

    @Override
    public List<ModelUnderTest> models() {
        return List.of(model);
    }

    @Override
    public double targetDistance(double[][] outputs) {
        if (model instanceof Classifier) {
            double[] uniform = new double[outputs[0].length];
            Arrays.fill(uniform, 1.0 / uniform.length);
            return Checks.infinityDistance(outputs[0], uniform);
        }
        return Math.abs(outputs[0][0] - alpha);
    }

    @Override
    public double largestTargetDistance() {
        return model instanceof Classifier c ? 1 - 1.0 / c.classes() : Double.POSITIVE_INFINITY;
    }

    @Override
    public String attainedWhen(double tolerance) {
        return model instanceof Classifier c ? Checks.uniformWithin(c.name(), c.classes(), tolerance)
                : "|y − " + Checks.number(alpha) + "| ≤ " + Checks.number(tolerance) + " for output 0 of '" + model.name()
                        + "', in its units";
    }

    @Override
    public String describe() {
        return model instanceof Classifier ? "PredictionRisky[" + model.name() + ", −entropy, τ=" + tau + "]"
                : "PredictionRisky[" + model.name() + ", |f − " + alpha + "|^" + power + ", τ=" + tau + "]";
    }

    /** What {@code describe()} says (a query or space printed in a log reads as in reports and messages). */
    @Override
    public String toString() {
        return describe();
    }
}
