package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * Independent Metropolis–Hastings (Tierney 1994): every chain proposes a fresh point {@code x' ~ q_c} that does
 * not depend on where it is, and accepts it with probability
 * {@code min(1, exp(U(x) − U(x')) · q_c(x) / q_c(x'))}. The proposal may differ per chain ({@code q_c}), e.g. one
 * mixture fitted to each SMC population: such a move can jump between modes that a local kernel (MALA, HMC)
 * never crosses, and, being exact, it moves a population's share of each mode toward the target's. It caches the
 * gradient at accepted points so it can be interleaved with {@link Mala} or {@link Hmc} on the same state; the
 * decision uses the energies only (a non-finite gradient at a proposal does not reject it, so the kernel stays
 * exact where a gradient kernel is stuck).
 * A step costs one gradient evaluation (one energy evaluation without gradient caching).
 *
 * <pre>{@code
 * Kernel jump = Independence.of(proposal, true);   // proposal: an Independence.Proposal per chain
 * Transition t = jump.step(state, energy, new ChainRandom(3));
 * }</pre>
 */
public final class Independence implements Kernel {

    /** A proposal density per chain: draws and their log densities (normalised or all off by one constant per chain). */
    public interface Proposal {
        /** A draw for {@code chain}. */
        double[] sample(int chain, ChainRandom random);

        /** {@code log q_chain(x)}. */
        double logDensity(int chain, double[] x);
    }

    private final Proposal proposal;
    private final boolean cacheGradient;

    private Independence(Proposal proposal, boolean cacheGradient) {
        this.proposal = Objects.requireNonNull(proposal, "proposal");
        this.cacheGradient = cacheGradient;
    }

    /**
     * @param cacheGradient evaluate and cache the energy gradient at proposals (needed to interleave with a
     *     gradient kernel)
     */
    public static Independence of(Proposal proposal, boolean cacheGradient) {
        return new Independence(proposal, cacheGradient);
    }

    @Override
    public String name() {
        return "IMH";
    }

    @Override
    public ChainState init(NDArray position, Energy energy, ChainRandom random) {
        if (cacheGradient) {
            EnergyGradient eg = Tensors.gradientScoped(energy, position);
            return new ChainState(position, Tensors.toDoubles(eg.value()), eg.gradient());
        }
        return new ChainState(position, Tensors.toDoubles(Tensors.valueScoped(energy, position)), null);
    }

    @Override
    public Transition step(ChainState state, Energy energy, ChainRandom random) {
        NDArray x = state.position();
        int chains = state.chains();
        int d = (int) (x.getShape().size() / chains);
        float[] current = Tensors.toFloats(x);
        float[] drawn = new float[chains * d];
        double[] correction = new double[chains];
        double[] row = new double[d];
        for (int c = 0; c < chains; c++) {
            double[] y = proposal.sample(c, random);
            for (int k = 0; k < d; k++) {
                drawn[c * d + k] = (float) y[k];
                y[k] = drawn[c * d + k];
                row[k] = current[c * d + k];
            }
            correction[c] = proposal.logDensity(c, row) - proposal.logDensity(c, y);
        }
        NDArray proposed = Tensors.create(x, drawn);
        double[] energies;
        NDArray gradient = null;
        if (cacheGradient) {
            EnergyGradient eg = Tensors.gradientScoped(energy, proposed);
            energies = Tensors.toDoubles(eg.value());
            gradient = eg.gradient();
        } else {
            energies = Tensors.toDoubles(Tensors.valueScoped(energy, proposed));
        }
        boolean[] outside = energy.outside(proposed);
        // Accept on the energies alone, never on the cached gradient: a gradient kernel sharing the state is stuck
        // (but invariant) where its gradient is not finite, as it can neither enter nor leave such a region. If this
        // kernel refused to enter it while still leaving it, it would drain the region and bias the sample.
        Acceptance.Decision decision = Acceptance.decide(state.energy(), energies, correction, null, outside, random, true);
        ChainState next = Acceptance.next(decision, state, proposed, energies, gradient);
        return new Transition(next, decision.info(cacheGradient ? 1 : 0, cacheGradient ? 0 : 1));
    }

    /** Independence proposals have no step size; returns 1. */
    @Override
    public double stepSize() {
        return 1;
    }

    /** Independence proposals have no step size; returns this kernel. */
    @Override
    public Kernel withStepSize(double stepSize) {
        return this;
    }

    /**
     * Nominal (0.5): there is no step size to steer, so step-size adaptation leaves this kernel as it is; its
     * acceptance rate measures how well the proposal fits the target.
     */
    @Override
    public double targetAcceptance() {
        return 0.5;
    }

    @Override
    public boolean needsGradient() {
        return false;
    }

    @Override
    public String toString() {
        return "IMH(" + proposal + ")";
    }
}
