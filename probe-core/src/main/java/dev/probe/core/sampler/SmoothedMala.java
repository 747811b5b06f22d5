package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;

/**
 * MALA for black-box energies whose gradient is zero or unavailable (tree ensembles), after appendix
 * C.2 of "Generating Samples to Probe Trained Models": proposals follow the gradient of the
 * Gaussian-smoothed energy {@code U_s(x) = E[U(x + sε)]}, estimated from {@code J} antithetic pairs,
 * <pre>  ĝ(x) = (1 / 2sJ) Σ_j (U(x + sε_j) − U(x − sε_j)) ε_j,   ε_j ~ N(0, I),</pre>
 * and acceptance uses the true energy {@code U}.
 *
 * <p>Approximations and how they are handled:
 * <ul>
 *   <li>{@code ĝ} is a noisy estimate of {@code ∇U_s}, not of {@code ∇U}: it only shapes proposals.
 *   <li>The paper assumes {@code ĝ(x') = ĝ(x)} in the proposal densities. We do not: {@code ĝ(x')} is
 *       estimated with fresh noise and used in the reverse density, and kept for the next step if the
 *       proposal is accepted. This is exact Metropolis–Hastings on the extended state
 *       {@code (x, ĝ)} whose {@code x}-marginal is {@code exp(−U)}, so the chain is unbiased whatever
 *       {@code s}, {@code J} and the step size are; they only affect efficiency.
 *   <li>Perturbed points are clamped into the support box before the model is evaluated (the model is
 *       never queried outside its valid range); non-finite energy differences contribute zero.
 * </ul>
 * Cost per step: {@code 2J + 1} batched energy evaluations ({@code C·(2J+1)} model rows).
 *
 * <pre>{@code
 * Kernel k = SmoothedMala.of(0.05, 0.3, 8); // step h, smoothing s, J antithetic pairs
 * }</pre>
 */
public final class SmoothedMala implements Kernel {
    private final double stepSize;
    private final double smoothing;
    private final int pairs;

    private SmoothedMala(double stepSize, double smoothing, int pairs) {
        if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("Step size must be positive and finite, got " + stepSize);
        }
        if (!(smoothing > 0) || !Double.isFinite(smoothing)) {
            throw new IllegalArgumentException("Smoothing width must be positive and finite, got " + smoothing);
        }
        if (pairs < 1) {
            throw new IllegalArgumentException("Need at least one antithetic pair, got " + pairs);
        }
        this.stepSize = stepSize;
        this.smoothing = smoothing;
        this.pairs = pairs;
    }

    /**
     * The built-in smoothing width for a support box: a tenth of its narrowest finite width, or 0.1 where every
     * coordinate is unbounded. The width is in sampled coordinates: give features of very different widths
     * {@code InputSpace.scale}, since one width serves every coordinate.
     */
    public static double defaultSmoothing(Box box) {
        double width = Double.POSITIVE_INFINITY;
        for (int k = 0; k < box.dimension(); k++) {
            double w = box.upper(k) - box.lower(k);
            if (Double.isFinite(w)) {
                width = Math.min(width, w);
            }
        }
        return Double.isFinite(width) ? width / 10 : 0.1;
    }

    /** Smoothed-gradient MALA with step {@code h}, smoothing width {@code s} and {@code J} antithetic pairs. */
    public static SmoothedMala of(double h, double s, int pairs) {
        return new SmoothedMala(h, s, pairs);
    }

    @Override
    public String name() {
        return "SmoothedMALA";
    }

    @Override
    public ChainState init(NDArray position, Energy energy, ChainRandom random) {
        double[] u = Tensors.toDoubles(Tensors.valueScoped(energy, position));
        return new ChainState(position, u, estimate(position, energy, random));
    }

    @Override
    public Transition step(ChainState state, Energy energy, ChainRandom random) {
        NDArray x = state.position();
        int chains = state.chains();
        NDArray s = x.getManager().create(new float[] {(float) stepSize}, new ai.djl.ndarray.types.Shape(1, 1))
                .toType(x.getDataType(), false);
        NDArray xi = Tensors.create(x, random.normal((int) x.getShape().size()));
        NDArray proposal = LangevinDensity.propose(x, state.gradient(), s, xi);
        double[] proposed = Tensors.toDoubles(Tensors.valueScoped(energy, proposal));
        NDArray gy = estimate(proposal, energy, random);
        // exact MH on the extended state (x, ĝ): the reverse move uses the fresh estimate at x'
        double[] correction = LangevinDensity.correction(x, proposal, state.gradient(), gy, s);
        boolean[] outside = energy.outside(proposal);
        Acceptance.Decision dec = Acceptance.decide(state.energy(), proposed, correction, null, outside, random, true);
        ChainState next = Acceptance.next(dec, state, proposal, proposed, gy);
        return new Transition(next, dec.info(0, 2));
    }

    /** The antithetic smoothed-gradient estimate at every row of {@code x}, as a {@code [C, d]} tensor. */
    NDArray estimate(NDArray x, Energy energy, ChainRandom random) {
        float[] xs = Tensors.toFloats(x);
        int chains = (int) x.getShape().get(0);
        int d = xs.length / chains;
        Box box = energy.bounds();
        float[] eps = random.normal(chains * pairs * d);
        float[] points = new float[chains * pairs * 2 * d];
        for (int c = 0; c < chains; c++) {
            for (int j = 0; j < pairs; j++) {
                int e = (c * pairs + j) * d;
                int plus = (c * pairs + j) * 2 * d;
                int minus = plus + d;
                for (int k = 0; k < d; k++) {
                    double v = xs[c * d + k];
                    double step = smoothing * eps[e + k];
                    points[plus + k] = (float) clamp(v + step, box.lower(k), box.upper(k));
                    points[minus + k] = (float) clamp(v - step, box.lower(k), box.upper(k));
                }
            }
        }
        NDArray batch = x.getManager().create(points, new ai.djl.ndarray.types.Shape(chains * pairs * 2L, d))
                .toType(x.getDataType(), false);
        double[] u = Tensors.toDoubles(Tensors.valueScoped(energy, batch));
        float[] g = new float[xs.length];
        for (int c = 0; c < chains; c++) {
            for (int j = 0; j < pairs; j++) {
                int idx = (c * pairs + j) * 2;
                double diff = u[idx] - u[idx + 1];
                if (!Double.isFinite(diff)) {
                    continue;
                }
                double w = diff / (2 * smoothing * pairs);
                int e = (c * pairs + j) * d;
                for (int k = 0; k < d; k++) {
                    g[c * d + k] += (float) (w * eps[e + k]);
                }
            }
        }
        return Tensors.create(x, g);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.min(Math.max(v, lo), hi);
    }

    @Override
    public double stepSize() {
        return stepSize;
    }

    @Override
    public SmoothedMala withStepSize(double h) {
        return new SmoothedMala(h, smoothing, pairs);
    }

    @Override
    public double targetAcceptance() {
        return Mala.TARGET_ACCEPTANCE;
    }

    @Override
    public boolean needsGradient() {
        return false;
    }

    @Override
    public String toString() {
        return "SmoothedMALA(h=" + stepSize + ", s=" + smoothing + ", J=" + pairs + ")";
    }
}
