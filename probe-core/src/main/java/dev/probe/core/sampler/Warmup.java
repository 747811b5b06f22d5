package dev.probe.core.sampler;

import dev.probe.core.adaptation.ChainGroups;
import dev.probe.core.adaptation.ChainMoments;
import dev.probe.core.adaptation.DiagonalMetricEstimator;
import dev.probe.core.adaptation.DualAveraging;
import dev.probe.core.adaptation.GroupedDualAveraging;
import java.util.Arrays;

/**
 * Warm-up adaptation wrapped around a kernel: dual averaging of the step size and, for kernels that
 * use a metric, two windows of diagonal-metric estimation (see {@link Sampler}). Adaptation wraps the
 * kernel rather than living in it. The averaging restarts where annealing ends (if no metric window ends there):
 * what the tempered energies taught it is forgotten before the full target's step is chosen.
 *
 * <p>Step sizes per chain (kernels that support them: MALA, HMC). All chains share one dual averaging until
 * {@code groupAt}: the end of the first metric window, or {@value #SHARED_FRACTION} of the warm-up left after
 * annealing without a metric, and at least {@value #MIN_WINDOW} iterations after annealing ends (grouping is
 * about the final target). There the chains are grouped by where they were since annealing ended, over up to
 * half the shared phase ({@link ChainGroups}):
 * chains that explore the same region keep sharing one step size, and each group of chains stuck elsewhere
 * (another mode, another curvature) gets its own dual averaging from then on ({@link GroupedDualAveraging}).
 * Grouping needs at least {@value #MIN_GROUPED} warm-up iterations left for the groups' averaging to settle;
 * shorter warm-ups keep one shared step size.
 */
final class Warmup {
    /** Fraction of the warm-up after annealing (kernels without a metric) after which chains are grouped. */
    static final double SHARED_FRACTION = 0.3;
    /** Fewest iterations on the final target before grouping (the window that locates the chains). */
    static final int MIN_WINDOW = 10;
    /** Fewest warm-up iterations left after grouping: each group's dual averaging needs them to settle. */
    static final int MIN_GROUPED = 50;

    private final boolean adapt;
    private final int metricStart;
    private final int[] metricEnds;
    private final int groupAt;
    private final int momentsFrom;
    /**
     * The iteration after which the averaging restarts because annealing ended there (no metric window ends there), or
     * {@link Integer#MAX_VALUE}: step sizes grown on the tempered energies weighed on the averaged step, and MH chains
     * sampled the full target at an acceptance of 0.13–0.17 against 0.234 after a warm-up of 300 (annealing 0.5).
     */
    private final int annealRestart;
    private final ChainMoments moments;
    private final int dimension;
    private Kernel kernel;
    private DualAveraging averaging;
    private GroupedDualAveraging grouped;
    private ChainGroups groups;
    private DiagonalMetricEstimator estimator;
    /** The step size above which the kernel's proposals no longer change: the kernel is given at most this. */
    private final double largest;

    Warmup(Kernel kernel, SamplerConfig config, int dimension, Box bounds) {
        this.largest = kernel.largestUsefulStepSize(bounds);
        this.adapt = config.adapt() && config.warmup() > 0;
        int length = config.warmup();
        this.dimension = dimension;
        boolean metric = adapt && kernel.usesMetric() && length >= 40;
        this.metricStart = metric ? (int) (0.15 * length) : Integer.MAX_VALUE;
        this.metricEnds = metric ? new int[] {(int) (0.5 * length), (int) (0.9 * length)} : new int[0];
        // chains are grouped on the final target (after annealing), with enough warm-up left for each group's averaging
        int annealEnd = (int) Math.floor(config.annealing() * length);
        int at = metric ? Math.max(metricEnds[0], annealEnd + MIN_WINDOW)
                : annealEnd + Math.max(MIN_WINDOW, (int) (SHARED_FRACTION * (length - annealEnd)));
        // gradient kernels only: MH chains keep one shared scale (per-chain scales serve SMC populations there)
        boolean perChain = adapt && kernel.supportsPerChainStepSizes() && kernel.needsGradient() && config.chains() > 1
                && length - at >= MIN_GROUPED;
        this.groupAt = perChain ? at : Integer.MAX_VALUE;
        this.annealRestart = adapt && annealEnd > 0 && annealEnd < length
                && Arrays.stream(metricEnds).noneMatch(end -> end == annealEnd) ? annealEnd : Integer.MAX_VALUE;
        this.momentsFrom = (annealEnd + at) / 2;
        this.moments = perChain ? new ChainMoments(config.chains(), dimension) : null;
        this.estimator = new DiagonalMetricEstimator(dimension);
        this.kernel = kernel;
        this.averaging = new DualAveraging(kernel.stepSize(), kernel.targetAcceptance());
    }

    Kernel kernel() {
        return kernel;
    }

    /** Feeds iteration {@code i}'s outcome to the adaptation and updates the kernel. */
    void observe(int i, Transition t) {
        if (!adapt) {
            return;
        }
        if (grouped != null) {
            kernel = kernel.withStepSizes(grouped.update(t.acceptanceProbability()));
        } else {
            kernel = kernel.withStepSize(Math.min(largest, averaging.update(t.meanAcceptanceProbability())));
        }
        float[] positions = null;
        if (i >= metricStart) {
            positions = Tensors.toFloats(t.state().position());
            estimator.add(positions, t.state().chains());
        }
        if (moments != null && i >= momentsFrom && i < groupAt) {
            moments.add(positions != null ? positions : Tensors.toFloats(t.state().position()));
        }
        if (i + 1 == annealRestart) {
            restart();
        }
        for (int end : metricEnds) {
            if (i + 1 == end) {
                kernel = kernel.withInverseMetric(estimator.inverseMetric());
                restart();
                estimator = new DiagonalMetricEstimator(dimension);
            }
        }
        if (i + 1 == groupAt) {
            group(t.state().chains());
        }
    }

    /** Splits the shared adaptation into one per group of chains, if the chains are in more than one region. */
    private void group(int chains) {
        groups = moments.groups();
        if (groups.count() == 1) {
            return;
        }
        double[] start = new double[chains];
        Arrays.fill(start, averaging.finalStepSize());
        kernel = kernel.withStepSizes(start);
        grouped = new GroupedDualAveraging(start, groups, kernel.targetAcceptance());
    }

    /** Installs the averaged step sizes and restarts the averaging from them (after a new metric). */
    private void restart() {
        if (grouped != null) {
            double[] steps = grouped.finalStepSizes();
            kernel = kernel.withStepSizes(steps);
            grouped = new GroupedDualAveraging(steps, groups, kernel.targetAcceptance());
        } else {
            double step = averaging.finalStepSize();
            kernel = kernel.withStepSize(step);
            averaging = new DualAveraging(step, kernel.targetAcceptance());
        }
    }

    /** The kernel to sample with: the averaged step size(s), frozen. */
    Kernel finish() {
        if (!adapt) {
            return kernel;
        }
        kernel = grouped != null ? kernel.withStepSizes(grouped.finalStepSizes())
                : kernel.withStepSize(Math.min(largest, averaging.finalStepSize()));
        return kernel;
    }

    /** Number of step-size groups the chains ended warm-up in (1 = one shared step size). */
    int groups() {
        return groups == null ? 1 : groups.count();
    }
}
