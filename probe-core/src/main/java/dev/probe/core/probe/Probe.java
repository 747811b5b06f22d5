package dev.probe.core.probe;

import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.query.OutputEnergy;
import dev.probe.core.query.Query;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Rate;
import dev.probe.core.result.Sample;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.Kernel;
import dev.probe.core.sampler.Sampler;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.sampler.Trace;
import dev.probe.core.space.InputSpace;
import dev.probe.core.space.SampleSpace;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The entry point: a {@link Query} asked over a {@link SampleSpace}. The sampled coordinates {@code s}
 * follow {@code π(s) ∝ exp(−U(s))} with
 * <pre>  U(s) = priorEnergy(s) + query.energy(g(s))</pre>
 * (e.g. {@code |z|²/2 + G(g(z))/τ} on a VAE latent space), restricted to the space's bounds. The result
 * pushes every kept draw forward and evaluates every model of the query (no gradients).
 *
 * <p>Checks before any sampling: the space's inputs match the models' inputs, and at the chains'
 * starting points (for populations: at two prior draws) the pushed-forward inputs have the right width and
 * every model's outputs are finite (and on the simplex for declared probabilities). The default
 * ({@link #defaultSampling()}): probes over a space with a proper prior are sampled by SMC populations — level-set
 * queries from the shared {@link PriorPool} (which also estimates the level set's prior mass,
 * {@code ProbeResult.priorMass()}), Gibbs probes from fresh prior draws; probes without a proper prior by chains of
 * MALA when the whole pipeline is differentiable, random-walk Metropolis with the space's proposal when the space has
 * discrete coordinates, and smoothed-gradient MALA otherwise; warm-up tunes its step size.
 *
 * <p>Chains start at {@link SamplerConfig#screening()}{@code ·C} draws from the space resampled down to
 * {@code C} by the query's energy (sampling-importance-resampling: exact for the target when the space's
 * draws are its prior, as for latent spaces), so short warm-ups begin near the level set; warm-up is
 * discarded, so this changes where chains start, not what they sample.
 *
 * <pre>{@code
 * SampleSpace space = InputSpace.box(new double[] {-3, -3}, new double[] {3, 3});
 * ProbeResult r = Probe.of(space, Ambivalent.between(classifier, 0, 1))
 *         .sample(SamplerConfig.builder().chains(8).warmup(300).draws(500).seed(7).build());
 * // a box has a proper prior, so this runs 4 SMC populations sized from that budget (4 × 80 particles, 1,280
 * // samples, r.chains() == 4); Sampling.chains(kernel) as the second argument runs the 8 chains instead
 * }</pre>
 */
public final class Probe {
    private final SampleSpace space;
    private final Query query;
    private final int poolSize;
    private final long poolSeed;
    private final PriorPool pool;

    static {
        dev.probe.core.runtime.Tracking.optOut(); // before any engine start of a probe, unless the JVM chose
    }

    private Probe(SampleSpace space, Query query, int poolSize, long poolSeed, PriorPool pool) {
        this.space = Objects.requireNonNull(space, "space");
        this.query = Objects.requireNonNull(query, "query");
        this.poolSize = poolSize;
        this.poolSeed = poolSeed;
        this.pool = pool;
        if (space.inputDimension() != query.inputDimension()) {
            throw new IllegalArgumentException("Shape mismatch: " + space.describe() + " produces inputs of "
                    + space.inputDimension() + " features but the query's models take " + query.inputDimension() + " ("
                    + query.describe() + ")" + LayoutCheck.shapes(space, query) + ". " + (space instanceof InputSpace
                            // a tabular box has no decoder: a new user's 5-feature box was told to "use a decoder"
                            ? "Give the input space one pair of bounds per feature the model reads (" + query.inputDimension()
                                    + "), or models built for " + space.inputDimension() + " features."
                            : "Use a decoder (or generator) whose flattened output has " + query.inputDimension()
                                    + " values, or models built for " + space.inputDimension() + " features."));
        }
        LayoutCheck.of(space, query);
        FactualCheck.of(space, query);
    }

    /** The probe of {@code query} over {@code space}. */
    public static Probe of(SampleSpace space, Query query) {
        return new Probe(space, query, PriorPool.defaultSize(space.dimension()), PriorPool.SEED, null);
    }

    /**
     * The same probe with a prior pool of {@code size} draws (default {@link PriorPool#defaultSize}): level-set
     * queries over a space with a proper prior choose chain starts and initial particles from the shared pool.
     * Population sampling needs one pool draw per particle it may ever hold (particles × the most populations): a
     * smaller pool is replaced, for that run, by one of that many draws from the same pool seed.
     */
    public Probe withPoolSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A prior pool needs at least one draw, got " + size);
        }
        return new Probe(space, query, size, poolSeed, null);
    }

    /**
     * The same probe with the shared prior pool drawn from the stream {@code seed} instead of {@link PriorPool#SEED}.
     * A population run's starting draws, and for one-stage sets its whole log Z, come from the pool, so runs over seeds
     * that share one pool repeat its error: give each repetition its own pool seed to make them independent. Probes
     * with the same pool seed still share one pool.
     */
    public Probe withPoolSeed(long seed) {
        return new Probe(space, query, poolSize, seed, null);
    }

    /**
     * The same probe with its own prior pool instead of the shared one (e.g. {@link PriorPool#compute} with another
     * seed, for independent repetitions). The pool must store the outputs of the query's models over this space.
     */
    public Probe withPool(PriorPool own) {
        Objects.requireNonNull(own, "pool");
        if (!usesPool()) {
            throw new IllegalArgumentException("Only level-set queries over a space with a proper prior use a prior pool; "
                    + query.describe() + " over " + space.describe() + " does not.");
        }
        if (own.dimension() != space.dimension()) {
            throw new IllegalArgumentException("The pool has " + own.dimension() + " coordinates per draw but "
                    + space.describe() + " has " + space.dimension() + ". Compute the pool over this probe's space.");
        }
        own.energies((OutputEnergy) query); // checks the models
        return new Probe(space, query, own.size(), poolSeed, own);
    }

    /** Whether this probe uses the shared {@link PriorPool}: a level-set query over a space with a proper prior. */
    public boolean usesPool() {
        return query instanceof OutputEnergy && space.hasProperPrior();
    }

    /** The shared prior pool of this probe's (space, models), computed on first use. */
    public PriorPool pool() {
        if (!usesPool()) {
            throw new IllegalStateException("Only level-set queries over a space with a proper prior use a prior pool; "
                    + query.describe() + " over " + space.describe() + " does not.");
        }
        return pool != null ? pool : PriorPool.of(space, query.models(), poolSize, poolSeed);
    }

    /**
     * This probe's prior pool if it is already computed in this JVM (its own, or the shared one of its size and seed),
     * without computing it: for reading what a run already paid for. Empty for probes that use no pool.
     */
    public java.util.Optional<PriorPool> computedPool() {
        if (!usesPool()) {
            return java.util.Optional.empty();
        }
        return pool != null ? java.util.Optional.of(pool)
                : PriorPool.ifComputed(space, query.models(), poolSize, poolSeed);
    }

    /** The energy the sampler runs on (over the space's coordinates). */
    public Energy energy() {
        return ProbeEnergy.of(space, query);
    }

    /**
     * The kernel of chains when none is given: MALA on a differentiable pipeline, Metropolis–Hastings with the space's
     * own proposal on a space with discrete coordinates, smoothed-gradient MALA on a black box over a continuous space.
     * Chains are what {@link #sample(SamplerConfig)} runs only over spaces without a proper prior; over a proper prior
     * it runs populations ({@link #defaultSampling()}), which converged where these chains did not (a new user's forest
     * of stumps: R̂ 1.896 in smoothed-MALA chains, 1.002 in populations moved by Metropolis–Hastings): prefer it for a
     * verdict on trees and other black boxes.
     */
    public Kernel defaultKernel() {
        return KernelChoice.forPipeline(space, energy().isDifferentiable());
    }

    /** How the probe is sampled when nothing is said: see {@link KernelChoice}. */
    public Sampling defaultSampling() {
        return KernelChoice.samplingFor(space, query, defaultKernel());
    }

    /**
     * SMC populations with {@code config} (or {@code null}: from the sampler configuration's budget), moved by the
     * kernel this probe's pipeline allows: MALA when it is differentiable, else Metropolis–Hastings with the space's
     * proposal.
     */
    public Sampling.Populations populationSampling(dev.probe.core.population.SmcConfig config) {
        return Sampling.populations(config, KernelChoice.populationKernel(space, energy().isDifferentiable()));
    }

    /**
     * Samples with the {@link #defaultSampling()}. Where that is populations sized from {@code config}'s budget
     * ({@link dev.probe.core.population.SmcConfig#fromBudget}: chains × (warmup + draws × thin) / 20 particles in all),
     * every budget below 128 × 20 = 2,560 model evaluations gets the floor's 128 particles, so two such budgets (8
     * chains × (60 + 20) and 8 × (120 + 30), at one seed) give the same result to the last digit (a new user's). The JUnit
     * extension says so in a note; here, compare {@code result.provenance().kernel()}, which names the particles. The
     * populations start from the shared prior pool, whose seed does not follow {@code config}'s: repeated runs with
     * other sampler seeds share its error (a prior mass read from it can repeat to the last digit); vary
     * {@link #withPoolSeed} too to repeat an estimate independently.
     */
    public ProbeResult sample(SamplerConfig config) {
        return sample(config, defaultSampling());
    }

    /** Samples with chains of {@code kernel}. */
    public ProbeResult sample(SamplerConfig config, Kernel kernel) {
        return sample(config, Sampling.chains(kernel));
    }

    /** Samples by chains or populations. */
    public ProbeResult sample(SamplerConfig config, Sampling sampling) {
        if (sampling instanceof Sampling.Populations how) {
            return samplePopulations(config, how).result();
        }
        Kernel kernel = ((Sampling.Chains) sampling).kernel();
        KernelChoice.checkFits(space, kernel);
        if (usesPool() && config.screening() > 1) {
            preflightOnPriorDraws(config); // before the pool is paid for
        }
        ChainRandom starts = new ChainRandom(config.seed());
        starts.split(); // the jumped stream: independent of the sampler's own stream for the same seed
        double[][] initial = usesPool() && config.screening() > 1
                ? ScreenedStarts.fromPool(pool(), (OutputEnergy) query, config.chains(), starts)
                : ScreenedStarts.select(space, query, config.chains(), config.screening(), starts);
        preflight(initial);
        Trace trace = ReachedNaNCheck.diagnosed(space, query, () -> new Sampler(config).run(kernel, energy(), initial));
        ProbeResult result = ResultBuilder.build(space, query, trace);
        if (usesPool() && config.screening() > 1) {
            // R-hat cannot see a region no chain reached; the pool's weighted draws can (a new user's two-piece set)
            java.util.Optional<dev.probe.core.result.PoolCheck> check = PoolAgreement.check(pool(), (OutputEnergy) query,
                    trace.pooledSamples(), trace.diagnostics().ess(), trace.chains());
            if (check.isPresent()) {
                result = result.withPoolCheck(check.get().named(space.coordinateNames().get(check.get().coordinate())));
            }
        }
        return result;
    }

    /**
     * Samples by SMC populations and returns the run behind the result too (log prior mass, stages, status).
     * {@code config} gives the seed and, unless {@code how} has its own settings, the budget
     * ({@link dev.probe.core.population.SmcConfig#fromBudget}).
     */
    public PopulationResult samplePopulations(SamplerConfig config, Sampling.Populations how) {
        KernelChoice.checkFits(space, how.kernel());
        if (space.hasProperPrior()) {
            preflightOnPriorDraws(config);
        }
        return ReachedNaNCheck.diagnosed(space, query,
                () -> PopulationSampling.run(space, query, config, how, usesPool() ? pool() : null));
    }

    /**
     * The prior mass of the query's (hard) level set: the fraction of {@code draws} independent draws from
     * the space (its prior for latent and procedural spaces) whose target distance is at most
     * {@code tolerance}, with its exact Clopper–Pearson interval (independent draws: effective trials =
     * draws). No MCMC: how likely the question's answer is a priori, e.g. "how often does the generator draw
     * a digit the model is certain is a 7", a statistic to compare between model versions
     * ({@code Comparison}). For sets too rare to hit by plain draws, a population sampler's
     * {@code ProbeResult.priorMass()} estimates the soft set's {@code log Z} instead.
     *
     * @param draws independent draws (rare level sets need many: the interval's width shows it)
     * @param tolerance target distance within which a draw counts as in the set
     * @param seed seed of the draws
     * @return the mass with its 95% interval
     */
    public Rate levelSetMass(int draws, double tolerance, long seed) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("A level set's mass needs a tolerance ≥ 0, got " + tolerance);
        }
        if (tolerance >= query.largestTargetDistance()) {
            // every input attains, and the "mass" is 1 whatever the model (ProbeAnswer.of refuses the same tolerance)
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "A tolerance of %s lets every input "
                    + "attain the target of %s: its target distance is at most %s for any input, so the mass would be 1 "
                    + "whatever the model. Give a tolerance below %s.", tolerance, query.describe(),
                    query.largestTargetDistance(), query.largestTargetDistance()));
        }
        return priorRate(draws, seed, s -> s.targetDistance() <= tolerance);
    }

    /**
     * The prior probability of any event of a sample: the fraction of {@code draws} independent draws from
     * the space satisfying {@code event} (each draw as a {@link Sample} with its input, every model's outputs
     * and its target distance), with the exact interval. E.g. the mass of the confidently-wrong set
     * {@code s -> s.targetDistance() <= 0.1 && s.predicted(0) != oracle.label(s.latent(), s.input())}.
     *
     * @param draws independent draws
     * @param seed seed of the draws
     * @param event the event
     * @return its probability with the 95% interval
     */
    public Rate priorRate(int draws, long seed, Predicate<Sample> event) {
        requireDraws(draws);
        // counted chunk by chunk from one stream, so the 10⁶ draws a rare set needs do not all sit in memory at once
        // (784-pixel inputs: 200,000 draws held 2.7 GB); the same draws as priorDraws(draws, seed) for the built-in spaces
        ChainRandom random = new ChainRandom(seed);
        long in = 0;
        for (int from = 0; from < draws; from += PRIOR_CHUNK) {
            for (Sample s : evaluated(random, Math.min(PRIOR_CHUNK, draws - from), from)) {
                if (event.test(s)) {
                    in++;
                }
            }
        }
        return Rate.clopperPearson(in, draws, ProbeResult.CONFIDENCE);
    }

    /** Draws per chunk of {@link #priorRate}. */
    static final int PRIOR_CHUNK = 4096;

    /**
     * Independent draws from the space pushed forward and evaluated: each a {@link Sample} with its
     * coordinates, input, every model's outputs and the target distance (no MCMC). The draws are the
     * space's prior draws, or, for a space that declares no proper prior, its starting draws (uniform
     * over a procedural space's categories and ranges, which is its prior).
     *
     * @param draws number of draws
     * @param seed seed of the draws
     * @return the draws in order
     */
    public List<Sample> priorDraws(int draws, long seed) {
        requireDraws(draws);
        return evaluated(new ChainRandom(seed), draws, 0);
    }

    private static void requireDraws(int draws) {
        if (draws < 1) {
            throw new IllegalArgumentException("A prior rate needs draws ≥ 1, got " + draws);
        }
    }

    /** The next {@code draws} draws of {@code random}, pushed forward and evaluated; their indices start at {@code first}. */
    private List<Sample> evaluated(ChainRandom random, int draws, int first) {
        double[][] latents = space.hasProperPrior() ? space.priorDraws(draws, random)
                : space.initialPositions(draws, random);
        double[][] inputs = space.toInputs(latents);
        List<ModelUnderTest> models = query.models();
        double[][][] outputs = new double[models.size()][][];
        for (int m = 0; m < models.size(); m++) {
            outputs[m] = models.get(m).outputs(inputs);
        }
        List<Sample> out = new java.util.ArrayList<>(draws);
        for (int i = 0; i < draws; i++) {
            double[][] row = new double[models.size()][];
            for (int m = 0; m < models.size(); m++) {
                row[m] = outputs[m][i];
            }
            out.add(new Sample(first + i, latents[i], inputs[i], row, ResultBuilder.distance(query, row)));
        }
        return out;
    }

    /** {@link #preflight} on two prior draws of their own stream (no draw of the run's streams is used). */
    private void preflightOnPriorDraws(SamplerConfig config) {
        ChainRandom check = new ChainRandom(config.seed());
        check.split();
        preflight(space.priorDraws(2, check), "a prior draw");
        if (query instanceof OutputEnergy levelSet) {
            OutputEnergyCheck.agrees(space, levelSet, space.priorDraws(8, check));
        }
    }

    private void preflight(double[][] initial) {
        preflight(initial, "a chain's starting point");
    }

    /** Checks shapes and the models' outputs at {@code initial}, naming a non-finite output's point as {@code what}. */
    private void preflight(double[][] initial, String what) {
        double[][] inputs = space.toInputs(initial);
        for (int c = 0; c < inputs.length; c++) {
            if (inputs[c].length != query.inputDimension()) {
                throw new IllegalArgumentException("Shape mismatch: " + space.describe() + " produced an input of "
                        + inputs[c].length + " values but the query's models take " + query.inputDimension()
                        + ". Make the decoder's flattened output match the classifier's input.");
            }
        }
        for (ModelUnderTest m : query.models()) {
            try {
                m.outputs(inputs);
            } catch (IllegalStateException e) {
                // the checked path names the row of its batch; name the point of the space, as PriorDrawCheck does
                for (int r = 0; r < inputs.length; r++) {
                    try {
                        m.outputs(new double[][] {inputs[r]});
                    } catch (IllegalStateException one) {
                        if (one.getMessage() != null && (one.getMessage().contains("not the model")
                                || PriorDrawCheck.closed(one))) {
                            // a non-finite input (the space is at fault), or a closed model (closed everywhere)
                            throw one;
                        }
                        throw new IllegalStateException("At " + what + " of " + space.describe() + " (coordinates "
                                + PriorDrawCheck.values(initial[r]) + "): " + one.getMessage()
                                + PriorDrawCheck.undefinedThere(one), one);
                    }
                }
                throw e;
            }
        }
    }

    public SampleSpace space() {
        return space;
    }

    public Query query() {
        return query;
    }
}
