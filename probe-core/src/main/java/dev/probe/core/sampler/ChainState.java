package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The current state of {@code C} batched chains: positions {@code [C, d]}, their energies (copied to
 * Java), and, for gradient-based kernels, the cached energy gradient {@code [C, d]} (the smoothed
 * estimate for {@link SmoothedMala}) so each step costs one new gradient evaluation.
 *
 * <pre>{@code
 * ChainState state = kernel.init(x0, energy, random);
 * double[] u = state.energy();
 * }</pre>
 */
public record ChainState(NDArray position, double[] energy, NDArray gradient) {

    /** Number of chains. */
    public int chains() {
        return energy.length;
    }

    /** Moves the state's tensors to {@code manager} (see the native-memory pattern in {@link Sampler}). */
    public void attach(NDManager manager) {
        position.attach(manager);
        if (gradient != null) {
            gradient.attach(manager);
        }
    }
}
