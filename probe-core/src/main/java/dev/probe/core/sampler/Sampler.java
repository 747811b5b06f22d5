package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.diagnostics.Convergence;
import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.diagnostics.EnergyResolution;
import dev.probe.core.diagnostics.PositionResolution;
import dev.probe.core.diagnostics.InvalidProposals;
import dev.probe.core.runtime.Devices;
import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/**
 * Runs a {@link Kernel} on an {@link Energy}: warm-up (discarded; step size tuned by dual averaging
 * toward the kernel's target acceptance — one step size per chain for kernels that support it, so chains
 * in differently curved regions do not share the stiffest chain's step — diagonal metric estimated for kernels that use one, both
 * frozen afterwards), then {@code draws × thin} iterations keeping every {@code thin}-th state of every
 * chain, repeats included, with energies and diagnostics.
 *
 * <p>Native memory: each iteration runs in a sub-manager of the run's manager; the current state is
 * attached to it, the new state is attached back to the run's manager, and the sub-manager closes,
 * freeing proposals and model intermediates. Memory stays flat over long runs.
 *
 * <p>Warm-up schedule for metric-using kernels (HMC): 15% step size only, two metric windows ending at
 * 50% and 90% (each ends by installing the estimated metric and restarting dual averaging), 10% step
 * size only.
 *
 * <pre>{@code
 * // MALA and HMC need a differentiable energy; RandomWalkMetropolis.of(MixedProposal.gaussian(d), 0.5) needs none
 * Trace t = new Sampler(SamplerConfig.builder().chains(8).seed(1).build()).run(Mala.of(0.1), energy);
 * }</pre>
 */
public final class Sampler {
    private final SamplerConfig config;
    private final ObjIntConsumer<NDManager> afterIteration;

    public Sampler(SamplerConfig config) {
        this(config, (manager, iteration) -> {});
    }

    /** For tests: {@code afterIteration} sees the run's manager after every iteration. */
    Sampler(SamplerConfig config, ObjIntConsumer<NDManager> afterIteration) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.afterIteration = afterIteration;
    }

    /** Runs from default initial positions: N(0, 1) per unbounded coordinate, uniform in bounded ones. */
    public Trace run(Kernel kernel, Energy energy) {
        return run(kernel, energy, null);
    }

    /**
     * Runs from the given initial positions {@code [chains][d]} (or defaults if {@code null}).
     *
     * @throws IllegalArgumentException if the kernel needs gradients the energy cannot give, or the
     *     initial positions have the wrong shape or lie outside the support
     * @throws IllegalStateException if the energy is not finite at an initial position
     */
    public Trace run(Kernel kernel, Energy energy, double[][] initial) {
        if (kernel.needsGradient() && !energy.isDifferentiable()) {
            throw new IllegalArgumentException(kernel.name() + " needs gradients but the energy is not differentiable. "
                    + "Use RandomWalkMetropolis or SmoothedMala for black-box models.");
        }
        int chains = config.chains();
        int d = energy.dimension();
        // every kept draw's position (one array per draw) and energy
        long perDraw = 8L * d + 16 + 8;
        dev.probe.core.runtime.HeapBudget.require((long) chains * config.draws() * perDraw,
                chains + " chains of " + config.draws() + " draws (d = " + d + ")",
                "give " + dev.probe.core.runtime.HeapBudget.wellBelow(chains * perDraw, "draws per chain")
                        + " (setting draws), or fewer chains");
        ChainRandom random = new ChainRandom(config.seed());
        float[] start = initialPositions(initial, energy.bounds(), chains, d, random);
        long begin = System.nanoTime();
        try (NDManager run = NDManager.newBaseManager(Devices.preferred())) {
            NDArray x0 = run.create(start, new Shape(chains, d));
            ChainState state;
            try (NDManager scope = run.newSubManager()) {
                x0.attach(scope);
                state = kernel.init(x0, energy, random);
                state.attach(run);
            }
            checkFinite(state, start, d);
            Counters counters = new Counters(chains);
            Warmup warmup = new Warmup(kernel, config, d, energy.bounds());
            Annealing annealing = new Annealing(config);
            Energy current = energy;
            for (int i = 0; i < config.warmup(); i++) {
                if (Interrupts.requested()) { // the flag first: no message is built on the iterations' path
                    Interrupts.check("sampling chains (warm-up iteration " + i + " of " + config.warmup() + ")");
                }
                if (annealing.stageStartsAt(i)) {
                    current = energy.tempered(annealing.beta(i));
                    state = reinit(warmup.kernel(), state, current, random, run);
                }
                Transition t = advance(warmup.kernel(), state, current, random, run);
                counters.countWarmup(t);
                warmup.observe(i, t);
                state = t.state();
                afterIteration.accept(run, i);
            }
            Kernel tuned = warmup.finish();
            EnergyResolution.require(state.energy(), "chains' states after warm-up");
            PositionResolution.require(Tensors.toFloats(state.position()), chains, d, "chains' states after warm-up");
            long samplingBegin = System.nanoTime();
            double[][][] samples = new double[chains][config.draws()][d];
            double[][] energies = new double[chains][config.draws()];
            for (int i = 0; i < config.samplingIterations(); i++) {
                if (Interrupts.requested()) {
                    Interrupts.check("sampling chains (iteration " + i + " of " + config.samplingIterations()
                            + " after warm-up)");
                }
                Transition t = advance(tuned, state, energy, random, run);
                counters.count(t);
                state = t.state();
                afterIteration.accept(run, config.warmup() + i);
                if ((i + 1) % config.thin() == 0) {
                    record(state, samples, energies, (i + 1) / config.thin() - 1, d);
                }
            }
            long end = System.nanoTime();
            Diagnostics diagnostics = diagnose(samples, energies, counters, (end - begin) / 1e9,
                    (end - samplingBegin) / 1e9, tuned.stepSize());
            return new Trace(tuned.toString(), config, samples, energies, diagnostics, tuned.inverseMetric(),
                    tuned.stepSizes());
        }
    }

    /** Re-evaluates what the kernel caches at the current positions, for a new energy. */
    private static ChainState reinit(Kernel kernel, ChainState state, Energy energy, ChainRandom random, NDManager run) {
        try (NDManager scope = run.newSubManager()) {
            state.attach(scope);
            NDArray position = state.position().duplicate();
            ChainState fresh = kernel.init(position, energy, random);
            fresh.attach(run);
            return fresh;
        }
    }

    private static Transition advance(Kernel kernel, ChainState state, Energy energy, ChainRandom random,
            NDManager run) {
        try (NDManager step = run.newSubManager()) {
            state.attach(step);
            Transition t = kernel.step(state, energy, random);
            t.state().attach(run);
            return t;
        }
    }

    private static void record(ChainState state, double[][][] samples, double[][] energies, int draw, int d) {
        float[] x = Tensors.toFloats(state.position());
        for (int c = 0; c < samples.length; c++) {
            for (int k = 0; k < d; k++) {
                samples[c][draw][k] = x[c * d + k];
            }
            energies[c][draw] = state.energy()[c];
        }
    }

    private static void checkFinite(ChainState state, float[] start, int d) {
        double[] u = state.energy();
        for (int c = 0; c < u.length; c++) {
            if (!Double.isFinite(u[c])) {
                double[] row = new double[d];
                for (int k = 0; k < d; k++) {
                    row[k] = start[c * d + k];
                }
                throw new IllegalStateException("The energy is " + u[c] + " at the initial position of chain " + c + " "
                        + Arrays.toString(row) + ". Start the chains where the energy is finite (pass other "
                        + "initial positions), or make it finite there (for a probe, "
                        + (u[c] == Double.POSITIVE_INFINITY ? "whose chains start at the lowest energy of several prior "
                                + "draws: the question excludes every one of them (+∞), so check its energy, "
                                + "Query.energy, at a few inputs" : "check the model for NaN outputs") + ").");
            }
        }
        if (state.gradient() == null) {
            return;
        }
        float[] g = Tensors.toFloats(state.gradient());
        int firstBad = -1;
        for (int c = u.length - 1; c >= 0; c--) {
            boolean finite = true;
            for (int k = 0; k < d; k++) {
                finite &= Float.isFinite(g[c * d + k]);
            }
            if (finite) {
                return; // a chain that can move: a stuck one shows in R̂
            }
            firstBad = c;
        }
        for (int i = firstBad * d; i < g.length; i++) {
            if (!Float.isFinite(g[i])) {
                int c = i / d;
                double[] row = new double[d];
                for (int k = 0; k < d; k++) {
                    row[k] = start[c * d + k];
                }
                // every proposal from such a point is non-finite and rejected: the chains never move, and only an
                // R̂ of 10¹⁴ said so (a new user's energy)
                throw new IllegalStateException("The energy's gradient is not finite at the initial position of any "
                        + "chain: " + g[i] + " at chain " + c + " " + Arrays.toString(row) + ", where the energy is "
                        + u[c] + ". A branch the energy does not take can still poison its gradient: "
                        + "NDArrays.where(mask, a, b) back-propagates NaN or infinite values of the unused branch (compute that branch on safe inputs, e.g. "
                        + "where(mask, x, safe)), and so do log or sqrt at 0. Make the gradient finite there, or start "
                        + "the chains elsewhere.");
            }
        }
    }

    private static float[] initialPositions(double[][] initial, Box box, int chains, int d, ChainRandom random) {
        float[] out = new float[chains * d];
        if (initial != null) {
            if (initial.length != chains) {
                throw new IllegalArgumentException("Got " + initial.length + " initial positions for " + chains
                        + " chains. Give one position per chain.");
            }
            for (int c = 0; c < chains; c++) {
                if (initial[c].length != d) {
                    throw new IllegalArgumentException("Initial position of chain " + c + " has " + initial[c].length
                            + " coordinates but the energy has " + d + ".");
                }
                if (Arrays.stream(initial[c]).anyMatch(Double::isNaN)) {
                    // it read "lies outside the support Box[-Infinity, …]..[Infinity, …]" on an unbounded space
                    throw new IllegalArgumentException("Initial position of chain " + c + " " + Arrays.toString(initial[c])
                            + " holds NaN. Start every chain at finite coordinates.");
                }
                if (!box.contains(initial[c])) {
                    throw new IllegalArgumentException("Initial position of chain " + c + " " + Arrays.toString(initial[c])
                            + " lies outside the support " + box + ". Start every chain inside the bounds.");
                }
                for (int k = 0; k < d; k++) {
                    out[c * d + k] = (float) initial[c][k];
                }
            }
            return out;
        }
        for (int c = 0; c < chains; c++) {
            for (int k = 0; k < d; k++) {
                double lo = box.lower(k);
                double hi = box.upper(k);
                double v;
                if (Double.isInfinite(lo) && Double.isInfinite(hi)) {
                    v = random.nextGaussian();
                } else if (Double.isInfinite(hi)) {
                    v = lo + Math.abs(random.nextGaussian());
                } else if (Double.isInfinite(lo)) {
                    v = hi - Math.abs(random.nextGaussian());
                } else {
                    v = lo + (hi - lo) * random.nextDouble();
                }
                out[c * d + k] = (float) v;
            }
        }
        return out;
    }

    private static Diagnostics diagnose(double[][][] samples, double[][] energies, Counters counters, double wall,
            double sampling, double stepSize) {
        int chains = samples.length;
        int draws = samples[0].length;
        int d = samples[0][0].length;
        double[] rhat = new double[d];
        double[] ess = new double[d];
        Arrays.fill(rhat, Double.NaN);
        Arrays.fill(ess, Double.NaN);
        double energyRhat = Double.NaN;
        double energyEss = Double.NaN;
        if (draws >= 4) {
            boolean[] constant = new boolean[d];
            boolean moved = false;
            for (int k = 0; k < d; k++) {
                double[][] coordinate = new double[chains][draws];
                double first = samples[0][0][k];
                constant[k] = true;
                for (int c = 0; c < chains; c++) {
                    for (int i = 0; i < draws; i++) {
                        coordinate[c][i] = samples[c][i][k];
                        constant[k] &= coordinate[c][i] == first;
                    }
                }
                moved |= !constant[k];
                rhat[k] = Convergence.rhat(coordinate);
                ess[k] = Convergence.bulkEss(coordinate);
            }
            for (int k = 0; k < d && moved; k++) {
                if (constant[k]) {
                    // one value in every draw of every chain while others move (a category the question forces, as
                    // populations judge it): the chains agree exactly; its R̂ was 0/0 = NaN, "the chains disagree".
                    // Chains none of whose coordinates move keep NaN: stuck, not agreeing
                    rhat[k] = 1;
                    ess[k] = (double) chains * draws;
                }
            }
            // a constant energy (a flat target) has no spread to compare: it agrees exactly across chains
            java.util.DoubleSummaryStatistics range = Arrays.stream(energies).flatMapToDouble(Arrays::stream)
                    .summaryStatistics();
            boolean flat = range.getMin() == range.getMax();
            energyRhat = flat ? 1 : Convergence.rhat(energies);
            energyEss = flat ? chains * draws : Convergence.bulkEss(energies);
        }
        return new Diagnostics(counters.acceptanceRates(), rhat, ess, energyRhat, energyEss, wall, sampling,
                counters.warmup, counters.sampling, counters.gradients, counters.energies, stepSize);
    }

    /** Running counts over the run. */
    private static final class Counters {
        private final long[] accepted;
        private long iterations;
        private InvalidProposals warmup = InvalidProposals.NONE;
        private InvalidProposals sampling = InvalidProposals.NONE;
        private long gradients;
        private long energies;

        Counters(int chains) {
            accepted = new long[chains];
        }

        void countWarmup(Transition t) {
            TransitionInfo info = t.info();
            warmup = warmup.plus(info.nonFinite(), info.divergent(), info.outOfBounds());
            gradients += info.gradientEvaluations();
            energies += info.energyEvaluations();
        }

        void count(Transition t) {
            TransitionInfo info = t.info();
            sampling = sampling.plus(info.nonFinite(), info.divergent(), info.outOfBounds());
            gradients += info.gradientEvaluations();
            energies += info.energyEvaluations();
            iterations++;
            for (int c = 0; c < accepted.length; c++) {
                if (t.accepted()[c]) {
                    accepted[c]++;
                }
            }
        }

        double[] acceptanceRates() {
            double[] out = new double[accepted.length];
            for (int c = 0; c < out.length; c++) {
                out[c] = iterations == 0 ? Double.NaN : accepted[c] / (double) iterations;
            }
            return out;
        }
    }
}
