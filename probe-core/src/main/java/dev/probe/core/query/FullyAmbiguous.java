package dev.probe.core.query;

import ai.djl.ndarray.NDArray;
import dev.probe.core.model.Classifier;
import java.util.Arrays;

/**
 * Fully ambiguous predictions, every class at {@code 1/L} (BAYES-PROBE §8, eqs. 16–17):
 * {@code u|x ~ N(max_i f_i − min_j f_j, σ²)}, {@code u* = 0},
 * <pre>  U(x) = (max_i f_i(x) − min_j f_j(x))² / 2σ².</pre>
 * Target distance: {@code ‖f − 1/L‖∞}.
 *
 * <pre>{@code
 * Query q = FullyAmbiguous.of(classifier).withSigma(0.1);
 * }</pre>
 */
public final class FullyAmbiguous extends LevelSetQuery implements OutputEnergy {

    private FullyAmbiguous(Classifier classifier, double sigma) {
        super(classifier, sigma);
    }

    /** Fully ambiguous predictions, {@code σ = 0.05}. */
    public static FullyAmbiguous of(Classifier classifier) {
        return new FullyAmbiguous(classifier, DEFAULT_SIGMA);
    }

    /** The same query with another σ. */
    public FullyAmbiguous withSigma(double sigma) {
        return new FullyAmbiguous(classifier, sigma);
    }

    @Override
    public NDArray energy(NDArray x) {
        NDArray p = classifier.probabilities(x);
        return gaussian(p.max(new int[] {1}).sub(p.min(new int[] {1})), 0.0, sigma);
    }

    @Override
    public double energyOfOutputs(double[][] outputs) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : outputs[0]) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        double r = max - min;
        return r * r / (2 * sigma * sigma);
    }

    @Override
    public double targetDistance(double[][] outputs) {
        double[] uniform = new double[outputs[0].length];
        Arrays.fill(uniform, 1.0 / uniform.length);
        return Checks.infinityDistance(outputs[0], uniform);
    }

    @Override
    public double largestTargetDistance() {
        return 1 - 1.0 / classifier.classes();
    }

    @Override
    public String attainedWhen(double tolerance) {
        return Checks.uniformWithin(classifier.name(), classifier.classes(), tolerance);
    }

    @Override
    public String describe() {
        return "FullyAmbiguous[" + classifier.name() + ", σ=" + sigma + "]";
    }
}
