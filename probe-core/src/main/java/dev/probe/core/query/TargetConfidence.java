package dev.probe.core.query;

import dev.probe.core.autograd.Constant;
import ai.djl.ndarray.NDArray;
import dev.probe.core.model.Classifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Any target probability vector {@code p*} (BAYES-PROBE eqs. 10–11): {@code u_k|x ~ N(f_k(x), σ²)},
 * {@code u*_k = p*_k},
 * <pre>  U(x) = Σ_k (f_k(x) − p*_k)² / 2σ².</pre>
 * Target distance: {@code ‖f − p*‖∞}. {@link #interpolation} gives the paper's 8 → 9 sweep.
 *
 * <pre>{@code
 * for (double[] target : TargetConfidence.interpolation(10, 8, 9, 11)) {
 *     results.add(Probe.of(space, TargetConfidence.of(classifier, target)).sample(config));
 * }
 * }</pre>
 */
public final class TargetConfidence extends LevelSetQuery implements OutputEnergy {
    private final double[] target;

    private TargetConfidence(Classifier classifier, double[] target, double sigma) {
        super(classifier, sigma);
        if (target.length != classifier.classes()) {
            throw new IllegalArgumentException("The target has " + target.length + " probabilities but classifier '"
                    + classifier.name() + "' has " + classifier.classes() + " classes. Give one probability per class.");
        }
        double sum = 0;
        for (double v : target) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("Target " + Arrays.toString(target) + " has a value outside [0, 1]. "
                        + "Give a probability vector.");
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            // "sums to 1.2", not 1.2000000000000002
            throw new IllegalArgumentException("Target " + Arrays.toString(target) + " sums to "
                    + new java.math.BigDecimal(sum).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString()
                    + ", not 1. Give a probability vector (normalise it).");
        }
        this.target = target.clone();
    }

    /** Target {@code p*}, {@code σ = 0.05}. */
    public static TargetConfidence of(Classifier classifier, double[] target) {
        return new TargetConfidence(classifier, target, DEFAULT_SIGMA);
    }

    /** The same query with another σ. */
    public TargetConfidence withSigma(double sigma) {
        return new TargetConfidence(classifier, target, sigma);
    }

    /** {@code steps} targets moving linearly from class {@code from} (certain) to class {@code to} (certain). */
    public static List<double[]> interpolation(int classes, int from, int to, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("An interpolation needs at least 2 steps, got " + steps);
        }
        if (from < 0 || from >= classes || to < 0 || to >= classes) {
            throw new IllegalArgumentException("Classes " + from + " and " + to + " must lie in 0.." + (classes - 1));
        }
        List<double[]> out = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            double t = s / (double) (steps - 1);
            double[] p = new double[classes];
            p[from] += 1 - t;
            p[to] += t;
            out.add(p);
        }
        return out;
    }

    @Override
    public NDArray energy(NDArray x) {
        NDArray p = classifier.probabilities(x);
        NDArray t = x.getManager().create(target).toType(x.getDataType(), false);
        return p.sub(t).square().sum(new int[] {1}).div(Constant.of(p, 2 * sigma * sigma));
    }


    @Override
    public double energyOfOutputs(double[][] outputs) {
        double sum = 0;
        for (int k = 0; k < target.length; k++) {
            double r = outputs[0][k] - target[k];
            sum += r * r;
        }
        return sum / (2 * sigma * sigma);
    }

    @Override
    public double targetDistance(double[][] outputs) {
        return Checks.infinityDistance(outputs[0], target);
    }

    @Override
    public double largestTargetDistance() {
        return Checks.largestInfinityDistance(target);
    }

    @Override
    public String attainedWhen(double tolerance) {
        StringBuilder p = new StringBuilder();
        for (int k = 0; k < target.length; k++) {
            p.append(k == 0 ? "" : ", ").append(Checks.number(target[k]));
        }
        return "every class of '" + classifier.name() + "' within " + Checks.number(tolerance) + " of p* = (" + p + ")";
    }

    public double[] target() {
        return target.clone();
    }

    @Override
    public String describe() {
        return "TargetConfidence[" + classifier.name() + ", p*=" + shown(target) + ", σ=" + sigma + "]";
    }

    /**
     * The target vector, whole up to 12 classes; beyond, its non-zero entries by class ({@code {0: 0.7, 1: 0.3} of 1000
     * classes}): a 1000-class target printed 1000 numbers in every message.
     */
    static String shown(double[] target) {
        if (target.length <= 12) {
            return Arrays.toString(target);
        }
        StringBuilder b = new StringBuilder("{");
        for (int k = 0; k < target.length; k++) {
            if (target[k] != 0) {
                b.append(b.length() > 1 ? ", " : "").append(k).append(": ").append(target[k]);
            }
        }
        return b.append("} of ").append(target.length).append(" classes").toString();
    }
}
