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

    /** The same kernel with another step size. */
    Kernel withStepSize(double stepSize);

    /** Mean acceptance probability that warm-up steers the step size toward. */
    double targetAcceptance();

    /** Whether the kernel uses a diagonal inverse metric (mass matrix) that warm-up should estimate. */
    default boolean usesMetric() {
        return false;
    }

    /** The same kernel with a diagonal inverse metric (per-coordinate variance scale). */
    default Kernel withInverseMetric(double[] inverseMetric) {
        return this;
    }

    /** Whether the kernel needs a differentiable energy. */
    boolean needsGradient();
}
