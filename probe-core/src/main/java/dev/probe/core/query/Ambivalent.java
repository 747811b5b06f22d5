package dev.probe.core.query;

import ai.djl.ndarray.NDArray;
import dev.probe.core.model.Classifier;

/**
 * Ambivalent between classes {@code i} and {@code j} with the others suppressed (BAYES-PROBE eqs. 6–9):
 * {@code u1 = |f_i − f_j|} with target 0 and {@code u2 = min(f_i, f_j) − max_{k≠i,j} f_k} with target 0.5,
 * <pre>  U(x) = |f_i − f_j|² / 2σ1² + (min(f_i, f_j) − max_{k≠i,j} f_k − 0.5)² / 2σ2²</pre>
 * (the max over no classes is 0 for a binary classifier). Target distance: {@code ‖f − p*‖∞} with
 * {@code p*_i = p*_j = 0.5}.
 *
 * <pre>{@code
 * Query torn = Ambivalent.between(classifier, 1, 7);           // σ1 = σ2 = 0.05
 * }</pre>
 */
public final class Ambivalent extends LevelSetQuery implements OutputEnergy {
    private final int i;
    private final int j;
    private final double sigmaGap;

    private Ambivalent(Classifier classifier, int i, int j, double sigma1, double sigma2) {
        super(classifier, sigma1);
        this.i = classifier.checkClass(i, "Ambivalent");
        this.j = classifier.checkClass(j, "Ambivalent");
        if (i == j) {
            throw new IllegalArgumentException("Ambivalent needs two different classes, got i = j = " + i
                    + ". For confidence in one class use HighConfidence.of(classifier, " + i + ").");
        }
        this.sigmaGap = Checks.sigma(sigma2);
    }

    /** Ambivalence between {@code i} and {@code j}, {@code σ1 = σ2 = 0.05}. */
    public static Ambivalent between(Classifier classifier, int i, int j) {
        return new Ambivalent(classifier, i, j, DEFAULT_SIGMA, DEFAULT_SIGMA);
    }

    /** The same query with {@code σ1 = σ2 = sigma}, as {@code withSigma} of the other level-set queries. */
    public Ambivalent withSigma(double sigma) {
        return withSigmas(sigma, sigma);
    }

    /** The same query with {@code σ1} (balance of i and j) and {@code σ2} (suppression of the others). */
    public Ambivalent withSigmas(double sigma1, double sigma2) {
        return new Ambivalent(classifier, i, j, sigma1, sigma2);
    }

    @Override
    public NDArray energy(NDArray x) {
        NDArray p = classifier.probabilities(x);
        NDArray pi = p.get(":, " + i);
        NDArray pj = p.get(":, " + j);
        float[] mask = new float[classifier.classes()];
        java.util.Arrays.fill(mask, 1f);
        mask[i] = 0f;
        mask[j] = 0f;
        // probabilities are non-negative, so zeroing i and j leaves the max over the others (0 if none).
        NDArray others = p.mul(x.getManager().create(mask)).max(new int[] {1});
        NDArray balance = gaussian(pi.sub(pj).abs(), 0.0, sigma);
        NDArray gap = gaussian(pi.minimum(pj).sub(others), 0.5, sigmaGap);
        return balance.add(gap);
    }

    @Override
    public double energyOfOutputs(double[][] outputs) {
        double[] p = outputs[0];
        double others = 0;
        for (int k = 0; k < p.length; k++) {
            if (k != i && k != j) {
                others = Math.max(others, p[k]);
            }
        }
        double balance = Math.abs(p[i] - p[j]);
        double gap = Math.min(p[i], p[j]) - others - 0.5;
        return balance * balance / (2 * sigma * sigma) + gap * gap / (2 * sigmaGap * sigmaGap);
    }

    @Override
    public double targetDistance(double[][] outputs) {
        double[] target = new double[classifier.classes()];
        target[i] = 0.5;
        target[j] = 0.5;
        return Checks.infinityDistance(outputs[0], target);
    }

    @Override
    public double largestTargetDistance() {
        return classifier.classes() == 2 ? 0.5 : 1;
    }

    @Override
    public String attainedWhen(double tolerance) {
        String t = Checks.number(tolerance);
        return "p_" + i + " and p_" + j + " of '" + classifier.name() + "' within " + t + " of 0.5"
                + (classifier.classes() > 2 ? ", every other class at most " + t : "");
    }

    @Override
    public String describe() {
        return "Ambivalent[" + classifier.name() + ", classes " + i + " and " + j + ", σ1=" + sigma + ", σ2=" + sigmaGap + "]";
    }
}
