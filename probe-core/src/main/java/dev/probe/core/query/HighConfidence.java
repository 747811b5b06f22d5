package dev.probe.core.query;

import ai.djl.ndarray.NDArray;
import dev.probe.core.model.Classifier;

/**
 * High confidence in class {@code i} (BAYES-PROBE eqs. 4–5): {@code u|x ~ N(f_i(x), σ²)}, {@code u* = 1},
 * <pre>  U(x) = (f_i(x) − 1)² / 2σ².</pre>
 * On a generator that cannot produce class {@code i} this finds in-distribution adversarial examples or
 * novel-class extrapolations; count them with {@code ProbeResult.misclassified(model, oracle)}.
 * Target distance: {@code 1 − f_i(x)}.
 *
 * <pre>{@code
 * Query q = HighConfidence.of(classifier, 4);                 // σ = 0.05
 * ProbeResult r = Probe.of(LatentSpace.standardNormal(decoderWithoutFours), q).sample(config);
 * Rate wrong = r.misclassified(classifier.name(), Oracle.constant(9));
 * }</pre>
 */
public final class HighConfidence extends LevelSetQuery implements OutputEnergy {
    private final int label;

    private HighConfidence(Classifier classifier, int label, double sigma) {
        super(classifier, sigma);
        this.label = classifier.checkClass(label, "High-confidence");
    }

    /** High confidence in class {@code label}, {@code σ = 0.05}. */
    public static HighConfidence of(Classifier classifier, int label) {
        return new HighConfidence(classifier, label, DEFAULT_SIGMA);
    }

    /** The same query with another σ. */
    public HighConfidence withSigma(double sigma) {
        return new HighConfidence(classifier, label, sigma);
    }

    @Override
    public NDArray energy(NDArray x) {
        return gaussian(classifier.probabilities(x).get(":, " + label), 1.0, sigma);
    }

    @Override
    public double energyOfOutputs(double[][] outputs) {
        double r = outputs[0][label] - 1.0;
        return r * r / (2 * sigma * sigma);
    }

    @Override
    public double targetDistance(double[][] outputs) {
        return 1 - outputs[0][label];
    }

    @Override
    public double largestTargetDistance() {
        return 1;
    }

    @Override
    public String attainedWhen(double tolerance) {
        return Checks.classAtLeast(label, classifier.name(), 1, "", tolerance);
    }

    public int label() {
        return label;
    }

    @Override
    public String describe() {
        return "HighConfidence[" + classifier.name() + ", class " + label + ", σ=" + sigma + "]";
    }
}
