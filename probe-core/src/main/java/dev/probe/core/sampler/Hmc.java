package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;

/**
 * Hamiltonian Monte Carlo with a leapfrog integrator and a diagonal inverse metric (Neal 2011,
 * "MCMC using Hamiltonian dynamics"), batched over chains. Momenta {@code p ~ N(0, M)}, kinetic energy
 * {@code ½ pᵀM⁻¹p}; {@code L} leapfrog steps of size {@code ε} (jittered uniformly by ±10% per
 * iteration to avoid periodic trajectories), then a Metropolis–Hastings test on the total energy.
 * A chain whose trajectory hits a non-finite energy or gradient (a divergence) or ends outside the
 * support box is rejected. Warm-up ({@link dev.probe.core.sampler.Sampler}) tunes {@code ε} by dual
 * averaging and estimates {@code M⁻¹} from the warm-up draws.
 *
 * <pre>{@code
 * Kernel hmc = Hmc.of(0.1, 16);
 * }</pre>
 */
public final class Hmc implements Kernel {
    /** Default target acceptance (Stan's default for HMC/NUTS). */
    public static final double TARGET_ACCEPTANCE = 0.8;

    private final double stepSize;
    private final int leapfrogSteps;
    private final double[] inverseMetric;

    private Hmc(double stepSize, int leapfrogSteps, double[] inverseMetric) {
        if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("HMC step size must be positive and finite, got " + stepSize);
        }
        if (leapfrogSteps < 1) {
            throw new IllegalArgumentException("HMC needs at least one leapfrog step, got " + leapfrogSteps);
        }
        this.stepSize = stepSize;
        this.leapfrogSteps = leapfrogSteps;
        this.inverseMetric = inverseMetric;
    }

    /** HMC with step size {@code ε}, {@code L} leapfrog steps and a unit metric. */
    public static Hmc of(double epsilon, int leapfrogSteps) {
        return new Hmc(epsilon, leapfrogSteps, null);
    }

    @Override
    public String name() {
        return "HMC";
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
        NDArray minv = metric(x, d);
        // p = ξ / sqrt(M⁻¹)
        NDArray p0 = Tensors.create(x, random.normal(chains * d)).div(minv.sqrt());
        double eps = stepSize * (0.9 + 0.2 * random.nextDouble());

        NDArray q = x;
        NDArray grad = state.gradient();
        NDArray p = p0.sub(grad.mul(eps / 2));
        EnergyGradient eg = null;
        for (int l = 0; l < leapfrogSteps; l++) {
            q = q.add(p.mul(minv).mul(eps));
            eg = Tensors.gradientScoped(energy, q);
            grad = eg.gradient();
            p = p.sub(grad.mul(l == leapfrogSteps - 1 ? eps / 2 : eps));
        }
        double[] proposed = Tensors.toDoubles(eg.value());
        double[] k0 = Tensors.toDoubles(p0.square().mul(minv).sum(new int[] {1}).div(2));
        double[] k1 = Tensors.toDoubles(p.square().mul(minv).sum(new int[] {1}).div(2));
        double[] correction = new double[chains];
        for (int c = 0; c < chains; c++) {
            correction[c] = k0[c] - k1[c];
        }
        boolean[] outside = Tensors.outside(q, energy.bounds(), chains);
        Acceptance.Decision dec = Acceptance.decide(state.energy(), proposed, correction,
                Tensors.finiteRows(grad), outside, random, true);
        ChainState next = Acceptance.next(dec, state, q, proposed, grad);
        return new Transition(next, dec.probability(), dec.accepted(), dec.nonFinite(), dec.outOfBounds(),
                leapfrogSteps, 0);
    }

    private NDArray metric(NDArray x, int d) {
        float[] m = new float[d];
        for (int k = 0; k < d; k++) {
            m[k] = inverseMetric == null ? 1f : (float) inverseMetric[k];
        }
        NDArray a = x.getManager().create(m).reshape(1, d);
        return a.toType(x.getDataType(), false);
    }

    @Override
    public double stepSize() {
        return stepSize;
    }

    /** Number of leapfrog steps per iteration. */
    public int leapfrogSteps() {
        return leapfrogSteps;
    }

    @Override
    public Hmc withStepSize(double epsilon) {
        return new Hmc(epsilon, leapfrogSteps, inverseMetric);
    }

    @Override
    public boolean usesMetric() {
        return true;
    }

    @Override
    public Hmc withInverseMetric(double[] diagonal) {
        for (double v : diagonal) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("Inverse metric entries must be positive and finite: "
                        + Arrays.toString(diagonal));
            }
        }
        return new Hmc(stepSize, leapfrogSteps, diagonal.clone());
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
        return "HMC(eps=" + stepSize + ", L=" + leapfrogSteps + ")";
    }
}
