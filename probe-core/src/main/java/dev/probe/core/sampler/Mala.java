package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;

/**
 * Metropolis-adjusted Langevin algorithm (Roberts &amp; Tweedie 1996; appendix C.1 of "Generating
 * Samples to Probe Trained Models"), batched over chains.
 *
 * <p>Proposal {@code x' = x − h∇U(x) + √(2h) ξ}, {@code ξ ~ N(0, I)}, accepted with the exact
 * Metropolis–Hastings ratio including both proposal densities
 * {@code q(x'|x) ∝ exp(−|x' − x + h∇U(x)|² / 4h)}. The energy and gradient of the current state are
 * cached, so a step costs one gradient evaluation. With {@code U = G/τ} this is the paper's update
 * with {@code η = h/τ}. {@link #unadjusted(double)} drops the correction (unadjusted Langevin, biased
 * at large steps) and exists only as a baseline.
 *
 * <pre>{@code
 * Kernel mala = Mala.of(0.05);
 * }</pre>
 */
public final class Mala implements Kernel {
    /** Optimal acceptance of MALA (Roberts &amp; Rosenthal 1998). */
    public static final double TARGET_ACCEPTANCE = 0.574;

    private final double stepSize;
    private final boolean adjusted;

    private Mala(double stepSize, boolean adjusted) {
        if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("MALA step size must be positive and finite, got " + stepSize);
        }
        this.stepSize = stepSize;
        this.adjusted = adjusted;
    }

    /** MALA with step size {@code h}. */
    public static Mala of(double h) {
        return new Mala(h, true);
    }

    /** Unadjusted Langevin (no accept/reject): a biased baseline, not for probing. */
    public static Mala unadjusted(double h) {
        return new Mala(h, false);
    }

    @Override
    public String name() {
        return adjusted ? "MALA" : "ULA";
    }

    @Override
    public ChainState init(NDArray position, Energy energy, ChainRandom random) {
        EnergyGradient eg = Tensors.gradientScoped(energy, position);
        return new ChainState(position, Tensors.toDoubles(eg.value()), eg.gradient());
    }

    @Override
    public Transition step(ChainState state, Energy energy, ChainRandom random) {
        NDArray x = state.position();
        int chains = state.chains();
        NDArray xi = Tensors.create(x, random.normal((int) x.getShape().size()));
        NDArray proposal = x.sub(state.gradient().mul(stepSize)).add(xi.mul(Math.sqrt(2 * stepSize)));
        EnergyGradient eg = Tensors.gradientScoped(energy, proposal);
        double[] proposed = Tensors.toDoubles(eg.value());

        // log q(x|x') − log q(x'|x); the forward residual x' − x + h∇U(x) is √(2h)ξ.
        double[] reverse = Tensors.rowSumSquares(x.sub(proposal).add(eg.gradient().mul(stepSize)));
        double[] forward = Tensors.rowSumSquares(xi);
        double[] correction = new double[chains];
        for (int c = 0; c < chains; c++) {
            correction[c] = (-reverse[c] + 2 * stepSize * forward[c]) / (4 * stepSize);
        }
        boolean[] outside = Tensors.outside(proposal, energy.bounds(), chains);
        Acceptance.Decision d = Acceptance.decide(state.energy(), proposed, correction,
                Tensors.finiteRows(eg.gradient()), outside, random, adjusted);
        ChainState next = Acceptance.next(d, state, proposal, proposed, eg.gradient());
        return new Transition(next, d.probability(), d.accepted(), d.nonFinite(), d.outOfBounds(), 1, 0);
    }

    @Override
    public double stepSize() {
        return stepSize;
    }

    @Override
    public Mala withStepSize(double h) {
        return new Mala(h, adjusted);
    }

    @Override
    public double targetAcceptance() {
        return TARGET_ACCEPTANCE;
    }

    @Override
    public boolean needsGradient() {
        return true;
    }

    @Override
    public String toString() {
        return name() + "(h=" + stepSize + ")";
    }
}
