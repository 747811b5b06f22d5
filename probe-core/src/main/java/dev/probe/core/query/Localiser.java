package dev.probe.core.query;

import dev.probe.core.autograd.Constant;
import ai.djl.ndarray.NDArray;
import dev.probe.core.model.ModelUnderTest;
import java.util.Arrays;
import java.util.List;

/**
 * The localiser {@code R_G(x) = λ Σ_k w_k |x_k − x_a,k|^r} that keeps samples near an anchor {@code x_a}
 * ("Generating Samples to Probe Trained Models" §3), as a Gibbs energy {@code R_G(x)/τ}. Defaults:
 * {@code λ = 1}, {@code r = 2}, {@code w = 1}, {@code τ = 1}. It has no target of its own (distance 0).
 *
 * <pre>{@code
 * Localiser near = Localiser.around(applicant).lambda(0.05).power(2).weights(w).temperature(0.01);
 * Query cf = FixedLabel.counterfactual(classifier, 1, near);
 * }</pre>
 */
public final class Localiser implements Query {
    private final double[] anchor;
    private final double lambda;
    private final double power;
    private final double[] weights;
    private final double tau;

    private Localiser(double[] anchor, double lambda, double power, double[] weights, double tau) {
        this.anchor = anchor;
        this.lambda = Checks.positive("The localiser strength λ", lambda);
        this.power = Checks.power(power);
        if (weights.length != anchor.length) {
            throw new IllegalArgumentException("The localiser has " + weights.length + " weights for an anchor of "
                    + anchor.length + " features. Give one weight per feature of the model's input, and check that the "
                    + "anchor (the factual) has that many values too: either may be the one of the wrong length.");
        }
        for (double w : weights) {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("Localiser weights must be finite and non-negative, got " + Arrays.toString(weights));
            }
        }
        this.weights = weights;
        this.tau = Checks.temperature(tau);
    }

    /** {@code λ = 1, r = 2, w = 1, τ = 1} around {@code anchor}. */
    public static Localiser around(double[] anchor) {
        for (int k = 0; k < anchor.length; k++) {
            if (!Double.isFinite(anchor[k])) {
                throw new IllegalArgumentException("The localiser's anchor (the factual) has " + anchor[k] + " at feature " + k
                        + ": every value must be finite (fill in a missing value before probing).");
            }
        }
        double[] w = new double[anchor.length];
        Arrays.fill(w, 1);
        return new Localiser(anchor.clone(), 1, 2, w, 1);
    }

    public Localiser lambda(double v) {
        return new Localiser(anchor, v, power, weights, tau);
    }

    public Localiser power(double r) {
        return new Localiser(anchor, lambda, r, weights, tau);
    }

    public Localiser weights(double[] w) {
        return new Localiser(anchor, lambda, power, w.clone(), tau);
    }

    public Localiser temperature(double t) {
        return new Localiser(anchor, lambda, power, weights, t);
    }

    public double temperature() {
        return tau;
    }

    public double[] anchor() {
        return anchor.clone();
    }

    /** The weights {@code w_k}. */
    public double[] weights() {
        return weights.clone();
    }

    /** The power {@code r}. */
    public double power() {
        return power;
    }

    /**
     * The distance of {@code x} to the anchor in this localiser's metric, {@code (Σ_k w_k |x_k − x_a,k|^r)^{1/r}}:
     * what the localiser keeps small, in the features' own units when {@code w = 1} and {@code r = 2} (Euclidean).
     */
    public double distance(double[] x) {
        if (x.length != anchor.length) {
            throw new IllegalArgumentException("The localiser's anchor has " + anchor.length + " features but the input has "
                    + x.length + ". Give an input of the anchor's features.");
        }
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            double diff = Math.abs(x[k] - anchor[k]);
            sum += weights[k] * (power == 2 ? diff * diff : power == 1 ? diff : Math.pow(diff, power));
        }
        return power == 2 ? Math.sqrt(sum) : power == 1 ? sum : Math.pow(sum, 1 / power);
    }

    /**
     * The least distance, in this localiser's metric, from the anchor to any input within the bounds
     * {@code [lower, upper]} (per feature): 0 when the anchor lies within them. An input space samples only there, so
     * every sample of a factual outside its space's bounds lies at least this far from it, inside every distance the
     * answer reports. The metric is a sum over features, so the nearest point is the anchor clipped to the bounds.
     *
     * <pre>{@code
     * double forced = localiser.leastDistanceWithin(space.featureLower(), space.featureUpper());
     * }</pre>
     */
    public double leastDistanceWithin(double[] lower, double[] upper) {
        if (lower.length != anchor.length || upper.length != anchor.length) {
            throw new IllegalArgumentException("The localiser's anchor has " + anchor.length + " features but the bounds "
                    + "have " + lower.length + " and " + upper.length + ". Give bounds of the anchor's features.");
        }
        double[] nearest = new double[anchor.length];
        for (int k = 0; k < anchor.length; k++) {
            nearest[k] = Math.min(Math.max(anchor[k], lower[k]), upper[k]);
        }
        return distance(nearest);
    }

    @Override
    public NDArray energy(NDArray x) {
        NDArray a = x.getManager().create(anchor).toType(x.getDataType(), false);
        NDArray w = x.getManager().create(weights).toType(x.getDataType(), false);
        NDArray diff = x.sub(a).abs();
        NDArray term = power == 2 ? diff.square() : power == 1 ? diff : diff.pow(Constant.of(diff, power));
        return term.mul(w).sum(new int[] {1}).mul(Constant.of(x, lambda / tau));
    }

    @Override
    public boolean isDifferentiable() {
        return true;
    }

    @Override
    public int inputDimension() {
        return anchor.length;
    }

    @Override
    public List<ModelUnderTest> models() {
        return List.of();
    }

    @Override
    public double targetDistance(double[][] outputs) {
        return 0;
    }

    @Override
    public double largestTargetDistance() {
        return 0;
    }

    /** Always: a localiser pulls toward its anchor and asks nothing of the outputs (a sum leaves it out of its wording). */
    @Override
    public String attainedWhen(double tolerance) {
        return "always (a localiser asks nothing of the outputs)";
    }

    @Override
    public String describe() {
        return "Localiser[anchor " + Arrays.toString(anchor) + ", λ=" + lambda + ", r=" + power + ", τ=" + tau + "]";
    }

    /** What {@code describe()} says (a query or space printed in a log reads as in reports and messages). */
    @Override
    public String toString() {
        return describe();
    }
}
