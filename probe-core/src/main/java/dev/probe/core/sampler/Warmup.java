package dev.probe.core.sampler;

import dev.probe.core.adaptation.DiagonalMetricEstimator;
import dev.probe.core.adaptation.DualAveraging;

/**
 * Warm-up adaptation wrapped around a kernel: dual averaging of the step size and, for kernels that
 * use a metric, two windows of diagonal-metric estimation (see {@link Sampler}). Adaptation wraps the
 * kernel rather than living in it.
 */
final class Warmup {
    private final boolean adapt;
    private final int length;
    private final int metricStart;
    private final int[] metricEnds;
    private Kernel kernel;
    private DualAveraging averaging;
    private DiagonalMetricEstimator estimator;
    private double[] inverseMetric;
    private final int dimension;

    Warmup(Kernel kernel, SamplerConfig config, int dimension) {
        this.kernel = kernel;
        this.adapt = config.adapt() && config.warmup() > 0;
        this.length = config.warmup();
        this.dimension = dimension;
        boolean metric = adapt && kernel.usesMetric() && length >= 40;
        this.metricStart = metric ? (int) (0.15 * length) : Integer.MAX_VALUE;
        this.metricEnds = metric ? new int[] {(int) (0.5 * length), (int) (0.9 * length)} : new int[0];
        this.averaging = new DualAveraging(kernel.stepSize(), kernel.targetAcceptance());
        this.estimator = new DiagonalMetricEstimator(dimension);
    }

    Kernel kernel() {
        return kernel;
    }

    /** Feeds iteration {@code i}'s outcome to the adaptation and updates the kernel. */
    void observe(int i, Transition t) {
        if (!adapt) {
            return;
        }
        kernel = kernel.withStepSize(averaging.update(t.meanAcceptanceProbability()));
        if (i >= metricStart) {
            estimator.add(Tensors.toFloats(t.state().position()), t.state().chains());
        }
        for (int end : metricEnds) {
            if (i + 1 == end) {
                inverseMetric = estimator.inverseMetric();
                double step = averaging.finalStepSize();
                kernel = kernel.withInverseMetric(inverseMetric).withStepSize(step);
                averaging = new DualAveraging(step, kernel.targetAcceptance());
                estimator = new DiagonalMetricEstimator(dimension);
            }
        }
    }

    /** The kernel to sample with: the averaged step size, frozen. */
    Kernel finish() {
        if (!adapt) {
            return kernel;
        }
        kernel = kernel.withStepSize(averaging.finalStepSize());
        return kernel;
    }

    double[] inverseMetric() {
        return inverseMetric == null ? null : inverseMetric.clone();
    }
}
