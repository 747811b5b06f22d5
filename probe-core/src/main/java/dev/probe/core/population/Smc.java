package dev.probe.core.population;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.diagnostics.EnergyResolution;
import dev.probe.core.diagnostics.PositionResolution;
import dev.probe.core.runtime.Devices;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.sampler.EnergyGradient;
import dev.probe.core.sampler.Hmc;
import dev.probe.core.sampler.Kernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Population sampling: sequential Monte Carlo with adaptive tempering of the question (README, "Population sampling";
 * Del Moral, Doucet &amp; Jasra 2006; the adaptive rules of BlackJAX {@code adaptive_tempered}, PyMC and
 * {@code particles}). Each of {@code R} independent populations of {@code N} particles goes from its prior
 * draws ({@code β = 0}) to the target {@code π_1 ∝ exp(−P − G)}:
 * <ol>
 *   <li>the next {@code β} is the largest step keeping the weights' ESS at {@code α·N} (bisection);</li>
 *   <li>log Z gains the log-mean of the incremental weights {@code exp(−δG)}, computed from cached {@code G}
 *       (free: no network runs);</li>
 *   <li>the diagonal metric is the weighted variance of the particles, then systematic resampling;</li>
 *   <li>the particles are rejuvenated by the MALA or HMC kernel with exact Metropolis–Hastings on
 *       {@code U_β}, every population's rows batched in one tensor, with the population's step size
 *       (adapted between stages from its acceptance, plus pilot moves) and metric frozen per move.</li>
 * </ol>
 * Then each particle makes {@code K − 1} further draws at the final temperature ({@link SmcConfig#draws()}: draw
 * blocks of local moves and mode jumps, all exact MCMC moves of the target).
 * The result holds {@code N·K} equally weighted draws of every population, {@code log Z = log E_prior[exp(−G)]} per
 * population (for a level-set question, the prior mass of the relaxed level set) with an error bar from
 * their spread, per-stage records, R̂ across populations and a {@link PopulationStatus}.
 *
 * <pre>{@code
 * PopulationRun run = new Smc(SmcConfig.builder().particles(256).populations(4).seed(1).build())
 *         .run(target, Mala.of(0.1), starts);        // one StartingDraws per population
 * double logMass = run.logPriorMass();               // ± run.logPriorMassStandardError()
 * }</pre>
 */
public final class Smc {
    private final SmcConfig config;

    public Smc(SmcConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /**
     * Runs one population per entry of {@code starts} (as many as {@link SmcConfig#populations()}), moving the
     * particles with {@code kernel} (its step size is ignored: populations tune their own).
     *
     * @throws IllegalArgumentException if the kernel cannot keep a step size per population or needs gradients the
     *     target cannot give, or the starting draws do not fit
     * @throws IllegalStateException if the question energy is NaN at every starting draw of a population
     */
    public PopulationRun run(TemperedTarget target, Kernel kernel, List<StartingDraws> starts) {
        check(target, kernel, starts);
        int d = target.dimension();
        int n = config.particles();
        ChainRandom master = new ChainRandom(config.seed());
        ChainRandom moveRandom = master.split();
        List<ChainRandom> resampling = new ArrayList<>();
        for (int r = 0; r < starts.size(); r++) {
            resampling.add(master.split());
        }
        long begin = System.nanoTime();
        double[] priorVariance = pooledVariance(starts, d);
        List<Population> pops = new ArrayList<>();
        long[] counts = new long[6]; // gradient calls, particle gradients, non-finite, divergent, out of box, energy calls
        Rejuvenation rejuvenation = new Rejuvenation(target, config, moveRandom);
        SmcConfig made;
        try (NDManager run = NDManager.newBaseManager(Devices.preferred())) {
            for (int r = 0; r < starts.size(); r++) {
                Population pop = new Population(r, n, d, initialStep(kernel, d), priorVariance);
                StartingDraws s = starts.get(r);
                float[] flat = flatten(s.positions(), d);
                double[] g = s.questionEnergies() != null ? s.questionEnergies() : questionEnergies(target, flat, d, run);
                requireDefinedSomewhere(g, r);
                int[] ancestors = pop.reweightAndResample(g, flat, config.alpha(), config.maxStageDrop(), target.questionFloor(),
                        resampling.get(r).nextDouble());
                pop.x = new float[n * d];
                for (int i = 0; i < n; i++) {
                    int a = ancestors == null ? i % s.size() : ancestors[i];
                    System.arraycopy(flat, a * d, pop.x, i * d, d);
                }
                if (pop.inverseMetric == null) {
                    pop.inverseMetric = priorVariance.clone();
                }
                pops.add(pop);
            }
            evaluate(pops, target, d, run, counts, kernel.needsGradient());
            List<Population> active = new ArrayList<>();
            for (Population pop : pops) {
                if (!pop.done) {
                    active.add(pop);
                }
            }
            while (!active.isEmpty()) {
                dev.probe.core.sampler.Interrupts.check("sampling populations (stage " + active.get(0).stages.size()
                        + " of population " + (active.get(0).index + 1) + ")");
                for (Population pop : active) {
                    if (pop.beta >= 1) {
                        pop.settle();
                    }
                }
                Rejuvenation.Moves[] moves = rejuvenation.move(active, kernel, run, counts);
                List<Population> next = new ArrayList<>();
                for (int i = 0; i < active.size(); i++) {
                    Population pop = active.get(i);
                    record(pop, moves[i]);
                    EnergyResolution.require(pop.prior, pop.question, pop.beta,
                            "particles of population " + (pop.index + 1) + " at stage " + pop.stages.size());
                    if (pop.beta >= 1) {
                        PositionResolution.require(pop.x, pop.size, pop.dimension,
                                "particles of population " + (pop.index + 1) + " at its last stage");
                    }
                    if (pop.beta >= 1) {
                        pop.done = true;
                    } else if (pop.stages.size() >= config.maxStages() || pop.stalled()) {
                        pop.status = pop.status.worst(PopulationStatus.STALLED);
                        pop.done = true;
                    } else {
                        nextStage(pop, resampling.get(pop.index), kernel, target.questionFloor());
                        if (!pop.done) {
                            next.add(pop);
                        }
                    }
                }
                active = next;
            }
            for (Population pop : pops) {
                pop.keepDraw();
            }
            drawUpTo(config.draws(), 1, rejuvenation, pops, kernel, run, counts);
            made = recheck(config, rejuvenation, pops, kernel, run, counts);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        return PopulationRun.of(made, kernel.name(), pops, master, moveRandom, seconds, counts);
    }

    /**
     * With {@link SmcConfig#recheckSettling()}: a borderline settling drift makes the populations go on to twice
     * their draws, and the drift is read again at the last draw. Returns the configuration with the draws made.
     */
    private static SmcConfig recheck(SmcConfig config, Rejuvenation rejuvenation, List<Population> pops, Kernel kernel,
            NDManager manager, long[] counts) {
        if (!config.recheckSettling()) {
            return config;
        }
        List<double[]> sums = new ArrayList<>();
        for (Population pop : pops) {
            sums.add(Settling.sums(pop));
        }
        double drift = Settling.drift(sums);
        if (!(drift > PopulationRun.BORDERLINE_SETTLING_DRIFT && drift <= PopulationRun.MAX_SETTLING_DRIFT)) {
            return config;
        }
        int draws = Math.max(config.draws() + 1, 2 * config.draws());
        drawUpTo(draws, config.draws(), rejuvenation, pops, kernel, manager, counts);
        return config.toBuilder().draws(draws).build();
    }

    /**
     * The run {@code run} with every particle's draws made up to {@code draws} ({@link SmcConfig#draws()}): draw
     * blocks at the final temperature, going on from where the run ended (its move stream, step sizes, metric and
     * particles' order), so log Z, the stages and the draws made so far are unchanged and the result replays for
     * the seed. The run must be one round as {@link #run} returned it, not gone on from before
     * ({@link PopulationRun#canDrawMore()}); the same target and kernel.
     *
     * @throws IllegalArgumentException if the run cannot go on or {@code draws} is not more than it has
     */
    public static PopulationRun moreDraws(PopulationRun run, TemperedTarget target, Kernel kernel, int draws) {
        PopulationRun.Continuation c = run.continuation();
        if (c == null) {
            throw new IllegalArgumentException("Cannot add draws to " + run.describe() + ": only a run of one round, as "
                    + "Smc.run returned it and not gone on from before, can go on.");
        }
        if (draws <= c.drawsMade()) {
            throw new IllegalArgumentException("The run has " + c.drawsMade() + " draws per particle; asked for " + draws);
        }
        SmcConfig config = run.config().toBuilder().draws(draws).build();
        long begin = System.nanoTime();
        long[] counts = c.counts().clone();
        Rejuvenation rejuvenation = new Rejuvenation(target, config, c.moves());
        SmcConfig made;
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            drawUpTo(draws, c.drawsMade(), rejuvenation, c.pops(), kernel, manager, counts);
            made = recheck(config, rejuvenation, c.pops(), kernel, manager, counts);
        }
        double seconds = run.seconds() + (System.nanoTime() - begin) / 1e9;
        return PopulationRun.of(made, kernel.name(), c.pops(), c.orders(), c.moves(), seconds, counts);
    }

    /** Draw blocks until every particle has {@code draws} draws, from the {@code made} it has. */
    private static void drawUpTo(int draws, int made, Rejuvenation rejuvenation, List<Population> pops, Kernel kernel,
            NDManager manager, long[] counts) {
        for (int b = made; b < draws; b++) {
            dev.probe.core.sampler.Interrupts.check("drawing from populations (draw " + (b + 1) + " of " + draws + ")");
            rejuvenation.drawBlock(pops, kernel, manager, counts);
            for (Population pop : pops) {
                pop.keepDraw();
            }
        }
    }

    private void nextStage(Population pop, ChainRandom random, Kernel kernel, double floor) {
        double miss = pop.lastAcceptance - kernel.targetAcceptance();
        if (Double.isFinite(miss)) {
            pop.stepSize *= Math.exp(Math.max(-Math.log(2), Math.min(Math.log(2), miss)));
        }
        int[] ancestors = pop.reweightAndResample(pop.question, pop.x, config.alpha(), config.maxStageDrop(), floor,
                random.nextDouble());
        if (ancestors != null) {
            pop.gather(ancestors);
        }
    }

    private static void record(Population pop, Rejuvenation.Moves m) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double v : pop.inverseMetric) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        pop.stages.add(new Stage(pop.stages.size() + 1, pop.beta, pop.delta, pop.essFraction, pop.logIncrement,
                pop.weighted, pop.distinct, m.moves(), m.acceptance(), m.movedFraction(), m.jump(), pop.stepSize, lo, hi,
                pop.nonFinite, m.jumps(), m.jumpAcceptance()));
        if (pop.beta >= 1 && (m.movedFraction() < 0.5 || m.acceptance() < 0.05)) {
            pop.status = pop.status.worst(PopulationStatus.DEGENERATE);
        }
    }

    /** Components {@code P, G, ∇G} and {@code ∇U_β} at every population's resampled starting particles (one batch). */
    private void evaluate(List<Population> pops, TemperedTarget target, int d, NDManager run, long[] counts,
            boolean gradients) {
        int rows = pops.size() * config.particles();
        float[] x = new float[rows * d];
        double[] beta = new double[rows];
        for (int i = 0; i < pops.size(); i++) {
            Population pop = pops.get(i);
            System.arraycopy(pop.x, 0, x, i * pop.size * d, pop.size * d);
            java.util.Arrays.fill(beta, i * pop.size, (i + 1) * pop.size, pop.beta);
        }
        TemperedEnergy energy = new TemperedEnergy(target, beta, config.chunk());
        try (NDManager scope = run.newSubManager()) {
            NDArray positions = scope.create(x, new Shape(rows, d));
            float[] gradient;
            if (gradients) {
                EnergyGradient eg = energy.valueAndGradient(positions);
                gradient = eg.gradient().toType(DataType.FLOAT32, false).toFloatArray();
            } else {
                energy.value(positions);
                gradient = new float[rows * d];
            }
            counts[gradients ? 0 : 5]++;
            counts[1] += gradients ? rows : 0;
            for (int i = 0; i < pops.size(); i++) {
                Population pop = pops.get(i);
                int from = i * pop.size;
                pop.prior = java.util.Arrays.copyOfRange(energy.lastPrior(), from, from + pop.size);
                pop.question = java.util.Arrays.copyOfRange(energy.lastQuestion(), from, from + pop.size);
                pop.gradient = java.util.Arrays.copyOfRange(gradient, from * d, (from + pop.size) * d);
                pop.questionGradient = java.util.Arrays.copyOfRange(energy.lastQuestionGradient(), from * d,
                        (from + pop.size) * d);
            }
        }
    }

    /** {@code G} of starting draws given without it: energy-only passes in chunks. */
    private double[] questionEnergies(TemperedTarget target, float[] flat, int d, NDManager run) {
        int k = flat.length / d;
        double[] g = new double[k];
        for (int from = 0; from < k; from += config.chunk()) {
            int m = Math.min(config.chunk(), k - from);
            try (NDManager scope = run.newSubManager()) {
                NDArray x = scope.create(java.util.Arrays.copyOfRange(flat, from * d, (from + m) * d), new Shape(m, d));
                double[] v = target.question().value(x).toType(DataType.FLOAT64, false).toDoubleArray();
                System.arraycopy(v, 0, g, from, m);
            }
        }
        return g;
    }

    /**
     * Preconditioned step sizes that suit a near-Gaussian target: MALA {@code 1.3·d^(−1/3)}, HMC {@code d^(−1/4)};
     * a gradient-free kernel (MH with the space's proposal) starts from its own scale.
     */
    private static double initialStep(Kernel kernel, int d) {
        if (!kernel.needsGradient()) {
            return kernel.stepSize();
        }
        return kernel instanceof Hmc ? Math.pow(d, -0.25) : 1.3 * Math.pow(d, -1.0 / 3);
    }

    private static double[] pooledVariance(List<StartingDraws> starts, int d) {
        double[] mean = new double[d];
        double[] m2 = new double[d];
        long count = 0;
        for (StartingDraws s : starts) {
            for (double[] row : s.positions()) {
                count++;
                for (int k = 0; k < d; k++) {
                    double delta = row[k] - mean[k];
                    mean[k] += delta / count;
                    m2[k] += delta * (row[k] - mean[k]);
                }
            }
        }
        double[] out = new double[d];
        for (int k = 0; k < d; k++) {
            out[k] = count > 1 && m2[k] > 0 ? m2[k] / (count - 1) : 1;
        }
        return out;
    }

    /**
     * Refuses a question that is NaN at every starting draw of a population: Z = E_prior[e^{−G}] is undefined and
     * there is no target to sample (the run used to return the unweighted starting draws with an ESS, as a
     * {@link PopulationStatus#DEGENERATE} run). {@link dev.probe.core.sampler.Sampler} refuses a NaN start the same way.
     */
    private static void requireDefinedSomewhere(double[] g, int population) {
        if (g.length > 0 && Arrays.stream(g).allMatch(Double::isNaN)) {
            throw new IllegalStateException("The question energy G is NaN at every one of the " + g.length
                    + " starting draws of population " + (population + 1) + ", so Z = E_prior[e^{−G}] is undefined and "
                    + "there is no target to sample. Make G defined on the prior: finite, or +∞ where the question "
                    + "excludes an input (those draws get weight 0)");
        }
    }

    private static float[] flatten(double[][] rows, int d) {
        float[] out = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("Starting draw " + i + " has " + rows[i].length + " coordinates; the target has " + d);
            }
            for (int k = 0; k < d; k++) {
                out[i * d + k] = (float) rows[i][k];
            }
        }
        return out;
    }

    private void check(TemperedTarget target, Kernel kernel, List<StartingDraws> starts) {
        if (!kernel.supportsPerChainStepSizes()) {
            throw new IllegalArgumentException(kernel.name() + " cannot keep one step size per population. Use Mala, Hmc "
                    + "or RandomWalkMetropolis to move the particles.");
        }
        if (kernel.needsGradient() && !target.isDifferentiable()) {
            throw new IllegalArgumentException(kernel.name() + " needs gradients but the target is not differentiable. "
                    + "Move its particles with RandomWalkMetropolis (e.g. RandomWalkMetropolis.of(MixedProposal.gaussian(d), "
                    + "0.5), or the space's proposal()), which needs none; MALA and HMC moves need a differentiable prior "
                    + "and question.");
        }
        int d = target.dimension();
        // per particle: position and both gradients (floats), both energies, and every kept draw's position and energies
        long perParticle = 12L * d + 16 + (long) config.draws() * (4L * d + 16);
        dev.probe.core.runtime.HeapBudget.require((long) config.populations() * config.particles() * perParticle,
                config.populations() + " populations of " + config.particles() + " particles (d = " + d + ", draws = "
                        + config.draws() + ")",
                "give " + dev.probe.core.runtime.HeapBudget.wellBelow((long) config.populations() * perParticle,
                        "particles per population") + " (setting particles), fewer populations or fewer draws");
        if (starts.size() != config.populations()) {
            throw new IllegalArgumentException("Got starting draws for " + starts.size() + " populations but the "
                    + "configuration asks for " + config.populations() + ". Give one StartingDraws per population.");
        }
        for (StartingDraws s : starts) {
            for (double[] row : s.positions()) {
                if (Arrays.stream(row).anyMatch(Double::isNaN)) {
                    throw new IllegalArgumentException("A starting draw " + Arrays.toString(row) + " holds NaN. Start "
                            + "from prior draws, at finite coordinates.");
                }
                if (!target.bounds().contains(row)) {
                    throw new IllegalArgumentException("A starting draw " + Arrays.toString(row)
                            + " lies outside the support " + target.bounds() + ". Start from prior draws inside it.");
                }
            }
        }
    }
}
