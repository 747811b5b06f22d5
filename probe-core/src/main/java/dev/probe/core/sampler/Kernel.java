package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;

/**
 * One MCMC transition algorithm over {@code C} chains batched as one {@code [C, d]} tensor. Kernels
 * are immutable: tuning returns a new kernel ({@link #withStepSize}, {@link #withInverseMetric}).
 * They ask the {@link Energy} for values and gradients and never touch autograd themselves.
 *
 * <pre>{@code
 * Kernel kernel = Mala.of(0.1);
 * ChainState s = kernel.init(x0, energy, random);
 * Transition t = kernel.step(s, energy, new ChainRandom(7));
 * }</pre>
 */
public interface Kernel {

    /** Short name for reports, e.g. {@code "MALA"}. */
    String name();

    /** Evaluates what the kernel caches (energy, gradient) at the initial positions {@code [C, d]}. */
    ChainState init(NDArray position, Energy energy, ChainRandom random);

    /** One transition of every chain. */
    Transition step(ChainState state, Energy energy, ChainRandom random);

    /** The current step size (proposal scale for random-walk kernels). */
    double stepSize();

    /** The same kernel with another step size, shared by all chains. */
    Kernel withStepSize(double stepSize);

    /** Whether the kernel can keep one step size per chain ({@link #withStepSizes}). */
    default boolean supportsPerChainStepSizes() {
        return false;
    }

    /**
     * The same kernel with one step size per chain; the array's length must equal the number of chains of
     * the states it steps. Warm-up uses it to adapt every chain on its own (dual averaging per chain).
     *
     * @throws UnsupportedOperationException if {@link #supportsPerChainStepSizes()} is false
     */
    default Kernel withStepSizes(double[] perChain) {
        throw new UnsupportedOperationException(name() + " keeps one step size for all chains");
    }

    /** The per-chain step sizes, or {@code null} when one step size serves all chains. */
    default double[] stepSizes() {
        return null;
    }

    /** Mean acceptance probability that warm-up steers the step size toward. */
    double targetAcceptance();

    /** Whether the kernel uses a diagonal inverse metric (mass matrix) that warm-up should estimate. */
    default boolean usesMetric() {
        return false;
    }

    /**
     * The same kernel with a diagonal inverse metric (per-coordinate variance scale): {@code d} entries for all
     * chains, or, where supported, {@code chains·d} entries (one diagonal per chain, row-major). Kernels
     * without a metric return themselves.
     */
    default Kernel withInverseMetric(double[] inverseMetric) {
        return this;
    }

    /**
     * The diagonal inverse metric the kernel moves with ({@code d} or {@code chains·d} entries, as given to
     * {@link #withInverseMetric}), or {@code null} for the identity and for kernels without one.
     */
    default double[] inverseMetric() {
        return null;
    }

    /**
     * The step size that suits a target whose coordinates have the given variances, for kernels that take no metric
     * and so must scale their steps to the target themselves (random-walk proposals: {@link Proposal#scaleForSpread});
     * {@code +∞} (no bound) for the others. Population samplers start each stage's steps at most at twice this.
     */
    default double stepSizeForSpread(double[] variance) {
        return Double.POSITIVE_INFINITY;
    }

    /** Whether the kernel needs a differentiable energy. */
    boolean needsGradient();

    /**
     * Whether the states it moves are continuous in every coordinate, so that population samplers may add mode jumps
     * from a fitted Gaussian mixture to its moves: true for gradient kernels; a random walk asks its proposal
     * ({@link Proposal#isContinuous()}).
     */
    default boolean movesContinuousStates() {
        return true;
    }

    /**
     * The step size above which the kernel's proposals on {@code box} no longer change, at which warm-up stops growing
     * it; {@code +∞} (default) for kernels whose proposals keep changing.
     */
    default double largestUsefulStepSize(Box box) {
        return Double.POSITIVE_INFINITY;
    }
}
