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
 * <p>Step sizes may be one per chain ({@link #withStepSizes}: per-chain warm-up adaptation, independent SMC
 * populations), and a diagonal inverse metric {@code M⁻¹} preconditions the proposal,
 * {@code x' = x − hM⁻¹∇U(x) + √(2h)M^{-1/2}ξ} (one diagonal for all chains or one per chain). The proposal
 * density is {@link LangevinDensity}, used in both directions.
 *
 * <pre>{@code
 * Kernel mala = Mala.of(0.05);
 * }</pre>
 */
public final class Mala implements Kernel {
    /** Optimal acceptance of MALA (Roberts &amp; Rosenthal 1998). */
    public static final double TARGET_ACCEPTANCE = 0.574;

    private final ChainScales scales;
    private final boolean adjusted;

    private Mala(ChainScales scales, boolean adjusted) {
        this.scales = scales;
        this.adjusted = adjusted;
    }

    /** MALA with step size {@code h}. */
    public static Mala of(double h) {
        return new Mala(ChainScales.of(h, "MALA"), true);
    }

    /** Unadjusted Langevin (no accept/reject): a biased baseline, not for probing. */
    public static Mala unadjusted(double h) {
        return new Mala(ChainScales.of(h, "ULA"), false);
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
        int d = (int) (x.getShape().size() / chains);
        NDArray s = scales.steps(x, chains).mul(scales.metric(x, chains, d));
        NDArray xi = Tensors.create(x, random.normal((int) x.getShape().size()));
        NDArray proposal = LangevinDensity.propose(x, state.gradient(), s, xi);
        EnergyGradient eg = Tensors.gradientScoped(energy, proposal);
        double[] proposed = Tensors.toDoubles(eg.value());
        double[] correction = LangevinDensity.correction(x, proposal, state.gradient(), eg.gradient(), s);
        boolean[] outside = energy.outside(proposal);
        Acceptance.Decision d0 = Acceptance.decide(state.energy(), proposed, correction,
                Tensors.finiteRows(eg.gradient()), outside, random, adjusted);
        ChainState next = Acceptance.next(d0, state, proposal, proposed, eg.gradient());
        return new Transition(next, d0.info(1, 0));
    }

    @Override
    public double stepSize() {
        return scales.stepSize();
    }

    @Override
    public Mala withStepSize(double h) {
        return new Mala(scales.withStepSize(h, name()), adjusted);
    }

    @Override
    public boolean supportsPerChainStepSizes() {
        return true;
    }

    @Override
    public double[] stepSizes() {
        return scales.stepSizes();
    }

    @Override
    public Mala withStepSizes(double[] perChain) {
        return new Mala(scales.withStepSizes(perChain, name()), adjusted);
    }

    /** The same kernel preconditioned by a diagonal inverse metric ({@code d}, or {@code chains·d} row-major). */
    @Override
    public Mala withInverseMetric(double[] diagonal) {
        return new Mala(scales.withInverseMetric(diagonal), adjusted);
    }

    /** The diagonal inverse metric, or {@code null} for the identity. */
    @Override
    public double[] inverseMetric() {
        return scales.inverseMetric();
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
        return name() + "(" + scales.describe("h") + ")";
    }
}
