package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The step sizes and diagonal inverse metric of a gradient kernel (package plumbing shared by {@link Mala}
 * and {@link Hmc}): one step size for all chains or one per chain, and a metric that is the identity, one
 * {@code [d]} diagonal for all chains, or one diagonal per chain ({@code [C·d]}, row-major). Per-chain values
 * let chains in differently curved regions (per-chain warm-up) or independent populations (SMC) keep their
 * own scales in one batched step. Immutable.
 */
final class ChainScales {
    private final double stepSize;
    private final double[] stepSizes;
    private final double[] inverseMetric;

    private ChainScales(double stepSize, double[] stepSizes, double[] inverseMetric) {
        this.stepSize = stepSize;
        this.stepSizes = stepSizes;
        this.inverseMetric = inverseMetric;
    }

    static ChainScales of(double stepSize, String kernel) {
        return new ChainScales(checkStep(stepSize, kernel), null, null);
    }

    ChainScales withStepSize(double h, String kernel) {
        return new ChainScales(checkStep(h, kernel), null, inverseMetric);
    }

    ChainScales withStepSizes(double[] perChain, String kernel) {
        if (perChain.length == 0) {
            throw new IllegalArgumentException(kernel + " needs at least one per-chain step size");
        }
        for (double h : perChain) {
            checkStep(h, kernel);
        }
        double[] sorted = perChain.clone();
        Arrays.sort(sorted);
        return new ChainScales(sorted[sorted.length / 2], perChain.clone(), inverseMetric);
    }

    ChainScales withInverseMetric(double[] diagonal) {
        for (double v : diagonal) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("Inverse metric entries must be positive and finite: "
                        + Arrays.toString(diagonal));
            }
        }
        return new ChainScales(stepSize, stepSizes, diagonal.clone());
    }

    private static double checkStep(double h, String kernel) {
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException(kernel + " step size must be positive and finite, got " + h);
        }
        return h;
    }

    /** The common step size, or the median of the per-chain ones. */
    double stepSize() {
        return stepSize;
    }

    /** Per-chain step sizes, or null. */
    double[] stepSizes() {
        return stepSizes == null ? null : stepSizes.clone();
    }

    double[] inverseMetric() {
        return inverseMetric == null ? null : inverseMetric.clone();
    }

    /** Step sizes as a {@code [C, 1]} tensor (or {@code [1, 1]} when shared), in {@code x}'s manager and dtype. */
    NDArray steps(NDArray x, int chains) {
        if (stepSizes == null) {
            return column(x, new double[] {stepSize}, 1);
        }
        if (stepSizes.length != chains) {
            throw new IllegalArgumentException("The kernel has " + stepSizes.length + " per-chain step sizes but the state has "
                    + chains + " chains. Give one step size per chain.");
        }
        return column(x, stepSizes, chains);
    }

    /** Step size of chain {@code c}. */
    double step(int c) {
        return stepSizes == null ? stepSize : stepSizes[c];
    }

    /** The inverse metric as {@code [1, d]} or {@code [C, d]}, in {@code x}'s manager and dtype. */
    NDArray metric(NDArray x, int chains, int d) {
        double[] m = inverseMetric;
        int rows = 1;
        if (m == null) {
            m = new double[d];
            Arrays.fill(m, 1);
        } else if (m.length == (long) chains * d && m.length != d) {
            rows = chains;
        } else if (m.length != d) {
            throw new IllegalArgumentException("The inverse metric has " + m.length + " entries for " + chains + " chains of "
                    + d + " coordinates. Give d entries (shared) or chains·d (one diagonal per chain).");
        }
        float[] f = new float[m.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) m[i];
        }
        return x.getManager().create(f, new Shape(rows, d)).toType(x.getDataType(), false);
    }

    private static NDArray column(NDArray x, double[] values, int rows) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return x.getManager().create(f, new Shape(rows, 1)).toType(x.getDataType(), false);
    }

    /** {@code h=0.1}, or {@code h=0.1 [0.01, 0.5]} (median and range) with per-chain step sizes. */
    String describe(String symbol) {
        if (stepSizes == null) {
            return String.format(java.util.Locale.ROOT, "%s=%.4g", symbol, stepSize);
        }
        double lo = Arrays.stream(stepSizes).min().orElse(Double.NaN);
        double hi = Arrays.stream(stepSizes).max().orElse(Double.NaN);
        return String.format(java.util.Locale.ROOT, "%s=%.4g [%.3g, %.3g] per chain", symbol, stepSize, lo, hi);
    }
}
