package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;

/**
 * A batched energy {@code U(x)} over {@code C} chains; the sampled (Gibbs) distribution is
 * {@code π(x) ∝ exp(−U(x))} restricted to {@link #bounds()}.
 *
 * <p>Inputs are {@code [C, d]} float tensors, one row per chain. Implementations create their results
 * in the manager of {@code x} (DJL attaches an op's result to its first operand's manager, so plain
 * tensor arithmetic on {@code x} does this already); the kernels rely on it to free each step's memory.
 * A value may be non-finite (NaN or ±∞): kernels reject such proposals and count them, they never
 * propagate them.
 *
 * <p>Differentiable energies return {@code true} from {@link #isDifferentiable()} and implement
 * {@link #valueAndGradient(NDArray)}. Only one DJL gradient collector may be open per process, so
 * implementations that use autograd must go through {@link dev.probe.core.autograd.Autograd}, which
 * serialises gradient evaluations across threads.
 *
 * <pre>{@code
 * Energy gaussian = Energies.differentiable(2, x -> x.square().sum(new int[] {1}).div(2));
 * }</pre>
 */
public interface Energy {

    /** Number of coordinates {@code d} of one chain's state. */
    int dimension();

    /** Energies of the {@code [C, d]} batch {@code x}, as a {@code [C]} tensor in {@code x}'s manager. */
    NDArray value(NDArray x);

    /**
     * Energies and their gradients with respect to {@code x}.
     *
     * @throws UnsupportedOperationException if the energy is not differentiable
     */
    default EnergyGradient valueAndGradient(NDArray x) {
        throw new UnsupportedOperationException(
                "This energy is not differentiable: sample it with RandomWalkMetropolis or SmoothedMala");
    }

    /** Whether {@link #valueAndGradient(NDArray)} is available. */
    default boolean isDifferentiable() {
        return false;
    }

    /** The box the distribution is restricted to; unbounded by default. */
    default Box bounds() {
        return Box.unbounded(dimension());
    }

    /**
     * Per row of {@code x} ({@code [rows, d]}), whether it lies outside the support: kernels reject such proposals
     * and count them as out of bounds, apart from non-finite ones. By default, outside {@link #bounds()}; an energy
     * over transformed coordinates (e.g. SMC's whitened moves) says where its rows land in the original ones.
     */
    default boolean[] outside(NDArray x) {
        return Tensors.outside(x, bounds(), (int) x.getShape().get(0));
    }

    /**
     * The energy at inverse temperature {@code β ∈ (0, 1]}, used only during annealed warm-up
     * ({@link SamplerConfig#annealing()}); {@code tempered(1)} must equal this energy. By default the
     * whole energy is scaled, {@code β·U}; energies with a prior part may temper only the rest.
     */
    default Energy tempered(double beta) {
        return beta == 1 ? this : Energies.scaled(this, beta);
    }
}
