package dev.probe.core.space;

import ai.djl.ndarray.NDArray;
import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.sampler.MixedProposal;
import dev.probe.core.sampler.Proposal;

/**
 * Where samples live: the sampler moves {@link #dimension()} coordinates {@code s} inside
 * {@link #bounds()}, with prior energy {@link #priorEnergy} ({@code −log p(s)} up to a constant), and the
 * space pushes them forward to model inputs {@code x = g(s)} ({@link #toInput}). Implementations:
 * {@link InputSpace} (free features of the input itself), {@link LatentSpace} (a VAE/GAN decoder) and
 * {@link ProceduralSpace} (a user-written generator with discrete and continuous attributes).
 *
 * <pre>{@code
 * SampleSpace space = LatentSpace.standardNormal(decoder);
 * double[][] x = space.toInputs(new double[][] {{0.1, -0.3}});
 * }</pre>
 */
public interface SampleSpace {

    /** Number of sampled coordinates. */
    int dimension();

    /** Features of the input the coordinates are pushed forward to. */
    int inputDimension();

    /** Support of the sampled coordinates. */
    Box bounds();

    /** Inputs {@code [C, inputDimension]} of the coordinates {@code [C, dimension]}, in {@code s}'s manager. */
    NDArray toInput(NDArray s);

    /** Inputs of coordinate rows, without gradients. */
    double[][] toInputs(double[][] s);

    /** {@code −log p(s)} up to a constant, {@code [C]}, in {@code s}'s manager. */
    NDArray priorEnergy(NDArray s);

    /** Whether {@link #toInput} and {@link #priorEnergy} are differentiable through DJL autograd. */
    boolean isDifferentiable();

    /**
     * Whether {@link #priorDraws} gives independent draws from the normalised prior {@code ∝ exp(−priorEnergy)}
     * on {@link #bounds()}: true for latent spaces and for input spaces bounded in every coordinate. Prior
     * pools and population (SMC) sampling need it; spaces with an improper prior (unbounded flat input
     * features) do not have it.
     */
    default boolean hasProperPrior() {
        return false;
    }

    /**
     * {@code n} independent draws {@code [n][dimension]} from the normalised prior.
     *
     * @throws UnsupportedOperationException if {@link #hasProperPrior()} is false
     */
    default double[][] priorDraws(int n, ChainRandom random) {
        throw new UnsupportedOperationException(describe() + " has no proper prior to draw from (unbounded flat "
                + "coordinates). Bound every coordinate, or sample it with MCMC chains.");
    }

    /** Starting coordinates {@code [chains][dimension]}, drawn from {@code random}. */
    double[][] initialPositions(int chains, ChainRandom random);

    /** What each sampled coordinate is called in plots: {@code z_0, z_1, …} unless the space names them. */
    default java.util.List<String> coordinateNames() {
        return java.util.stream.IntStream.range(0, dimension()).mapToObj(k -> "z_" + k).toList();
    }

    /** The Metropolis–Hastings proposal suited to the coordinates (a unit Gaussian walk by default). */
    default Proposal proposal() {
        return MixedProposal.gaussian(dimension());
    }

    /** Whether some coordinates are discrete, so that random-walk Metropolis suits them best. */
    default boolean hasDiscreteCoordinates() {
        return false;
    }

    /** A one-line description for results. */
    String describe();
}
