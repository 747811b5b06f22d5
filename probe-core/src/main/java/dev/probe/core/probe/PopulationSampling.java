package dev.probe.core.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.RowChunking;
import dev.probe.core.population.PopulationRun;
import dev.probe.core.population.Smc;
import dev.probe.core.population.SmcConfig;
import dev.probe.core.population.StartingDraws;
import dev.probe.core.population.TemperedTarget;
import dev.probe.core.query.OutputEnergy;
import dev.probe.core.query.Query;
import dev.probe.core.result.Evidence;
import dev.probe.core.result.PriorMass;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.runtime.Devices;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.SampleSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * A probe sampled by SMC populations: the tempered path from the space's prior ({@code priorEnergy}) to the
 * question ({@code G(g(s))}); level-set queries start every population from its own disjoint part of the
 * shared {@link PriorPool} (energies re-evaluated on stored outputs), other queries from fresh prior draws
 * (package plumbing of {@link Probe}).
 */
final class PopulationSampling {
    private PopulationSampling() {}

    /** @param sharedPool the probe's pool (level-set queries over a proper prior), or {@code null} */
    static PopulationResult run(SampleSpace space, Query query, SamplerConfig budget, Sampling.Populations how,
            PriorPool sharedPool) {
        if (!space.hasProperPrior()) {
            throw new IllegalArgumentException("Population sampling starts from prior draws, but " + space.describe()
                    + " has no proper prior. Bound every coordinate, or sample it by chains (sampler = MALA, HMC or "
                    + "AUTO in @ProbeSettings; Sampling.chains(kernel) in code).");
        }
        boolean differentiable = space.isDifferentiable() && query.isDifferentiable();
        if (!differentiable && how.kernel().needsGradient()) {
            throw new IllegalArgumentException(how.kernel().name() + " moves particles with gradients, but the pipeline "
                    + space.describe() + " → " + query.describe() + " is not differentiable. Move them with "
                    + "Metropolis–Hastings: probe.populationSampling(null) chooses it, with sizes from the SamplerConfig's "
                    + "budget (pass an SmcConfig instead of null to set them), as probe.sample(config) does by default; or "
                    + "sample by chains of RandomWalkMetropolis or SmoothedMala (Sampling.chains(kernel)).");
        }
        // the sampler configuration gives the seed, also to explicit SmcConfig settings (a user's runs over several
        // SamplerConfig seeds, with SmcConfig.builder()...build() for the sizes, all came out identical at seed 0)
        // rounds of a growing run are pooled, so they keep one number of draws per particle, which growth chooses
        // (SmcConfig.recheckSettling would let a round go on to more draws on its own)
        SmcConfig config = (how.config() != null ? how.config().toBuilder().seed(budget.seed()).build()
                : SmcConfig.fromBudget(budget)).toBuilder().recheckSettling(false).build();
        int first = config.populations();
        if (how.evidence() != null && how.maxPopulations() != 0 && how.maxPopulations() < first) {
            throw new IllegalArgumentException("maxPopulations = " + how.maxPopulations() + " is below the first round's "
                    + first + " populations: set it to at least " + first + " (equal: one round, no growth), or leave it "
                    + "at its default (0 here; unset in @ProbeSettings) for " + Sampling.Populations.DEFAULT_GROWTH
                    + " times the populations.");
        }
        int most = how.evidence() == null ? first
                : Math.max(first, how.maxPopulations() == 0 ? Sampling.Populations.DEFAULT_GROWTH * first : how.maxPopulations());
        int d = space.dimension();
        // the question's network calls share the row-chunk timings of every probe on these models
        RowChunking chunking = RowChunking.configured(ProbeEnergy.pipeline(space, query));
        TemperedTarget target = differentiable
                ? TemperedTarget.of(Energies.differentiable(d, space::priorEnergy),
                        Energies.differentiable(d, ReachedNaNCheck.question(space, query), chunking), space.bounds())
                : TemperedTarget.of(Energies.valueOnly(d, space::priorEnergy, chunking),
                        Energies.valueOnly(d, ReachedNaNCheck.question(space, query), chunking), space.bounds());
        target = target.withQuestionFloor(query.energyFloor());
        PriorPool pool = null;
        double[] g = null;
        if (sharedPool != null && query instanceof OutputEnergy levelSet) {
            long needed = (long) config.particles() * most;
            if (needed > Integer.MAX_VALUE - 8) {
                // the product overflowed an int to a pool smaller than the populations' distinct starting draws
                throw new IllegalArgumentException("Up to " + most + " populations of " + config.particles()
                        + " particles start from " + needed + " distinct prior draws, more than a prior pool can hold: give "
                        + "fewer particles, or a smaller maxPopulations.");
            }
            if (sharedPool.size() < needed) {
                // the pool grows to the populations' distinct starts: its size is the particles' doing, not the pool's
                long perDraw = PriorPool.bytesPerDraw(space, query.models());
                dev.probe.core.runtime.HeapBudget.require(needed * perDraw, "Up to " + most + " populations of "
                        + config.particles() + " particles, starting from " + needed + " distinct prior draws,",
                        "give " + dev.probe.core.runtime.HeapBudget.wellBelow(most * perDraw, "particles per population")
                                + " (setting particles), or a smaller maxPopulations");
            }
            pool = sharedPool.size() >= needed ? sharedPool
                    : PriorPool.of(space, query.models(), (int) needed, sharedPool.seed());
            g = pool.energies(levelSet);
        }
        boolean growing = most > first;
        int particles = config.particles();
        int capacity = most * particles; // particles in all, however they are grouped
        PopulationRun run = null;
        PopulationRun setAside = null;
        PopulationRun charged = null;
        ProbeResult result = null;
        // a run that grows makes one draw per particle first, and more (up to config.draws()) only when it falls short
        int draws = how.evidence() == null ? config.draws() : 1;
        int add = first;
        for (int round = 0; add > 0; round++) {
            SmcConfig c = round == 0 ? config.toBuilder().draws(draws).build()
                    : config.toBuilder().particles(particles).populations(add).draws(draws)
                            .seed(roundSeed(config.seed(), round)).build();
            int made = run == null ? 0 : run.populations();
            PopulationRun more = new Smc(c).run(target, how.kernel(),
                    starts(space, query, target, pool, g, c, made, first, growing ? capacity / particles : first));
            run = run == null ? more : run.and(more);
            // a set-aside round's cost is the result's too
            charged = setAside == null ? run : run.withCostOf(setAside);
            result = build(space, query, budget, charged);
            if (how.evidence() != null && draws < config.draws() && run.canDrawMore()
                    && drawMore(how.evidence(), result)) {
                draws = config.draws();
                run = Smc.moreDraws(run, target, how.kernel(), draws);
                charged = setAside == null ? run : run.withCostOf(setAside);
                result = build(space, query, budget, charged);
            }
            Next next = how.evidence() == null ? Next.STOP
                    : next(how.evidence(), result, run.populations(), particles, first, capacity, setAside != null);
            add = next.add();
            if (next.widen()) {
                setAside = charged;
                run = null;
                particles *= 2;
                draws = 1;
            }
        }
        return new PopulationResult(result, charged, pool);
    }

    /**
     * The starting draws of populations {@code made … made + c.populations() − 1}: each its own part of the pool, or
     * fresh prior draws from the round's seed. Without growth ({@code most == first}) the first round's populations
     * split the whole pool; with growth they split its first half, and the populations added later split the
     * second half, so no two populations share a draw and the first round, which is often the only one, keeps
     * large parts (more draws per part let a population start closer to the level set).
     */
    private static List<StartingDraws> starts(SampleSpace space, Query query, TemperedTarget target, PriorPool pool,
            double[] g, SmcConfig c, int made, int first, int most) {
        List<StartingDraws> starts = new ArrayList<>();
        if (pool != null) {
            int half = pool.size() / 2;
            for (int r = made; r < made + c.populations(); r++) {
                int[] part = most == first ? part(0, pool.size(), r, first)
                        : r < first ? part(0, half, r, first)
                        : part(half, pool.size() - half, r - first, most - first);
                double[][] x = new double[part[1] - part[0]][];
                for (int i = part[0]; i < part[1]; i++) {
                    x[i - part[0]] = pool.coordinates(i);
                }
                starts.add(StartingDraws.withEnergies(x, java.util.Arrays.copyOfRange(g, part[0], part[1])));
            }
            return starts;
        }
        ChainRandom random = new ChainRandom(c.seed());
        random.split(); // the jumped stream, independent of the SMC run's own stream for the same seed
        for (int r = 0; r < c.populations(); r++) {
            double[][] x = space.priorDraws(c.particles(), random);
            starts.add(StartingDraws.withEnergies(x, checkedQuestion(space, query, target, x, c.chunk())));
        }
        return starts;
    }

    /**
     * The question's energy at fresh prior draws, computed as {@link Smc} would (the same rows per call, so the run is
     * the same), refused where NaN ({@link PriorDrawCheck}).
     */
    private static double[] checkedQuestion(SampleSpace space, Query query, TemperedTarget target, double[][] x, int chunk) {
        int d = space.dimension();
        double[] g = new double[x.length];
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            for (int from = 0; from < x.length; from += chunk) {
                int m = Math.min(chunk, x.length - from);
                float[] flat = new float[m * d];
                for (int i = 0; i < m; i++) {
                    for (int k = 0; k < d; k++) {
                        flat[i * d + k] = (float) x[from + i][k];
                    }
                }
                try (NDManager scope = manager.newSubManager()) {
                    NDArray rows = scope.create(flat, new Shape(m, d));
                    double[] v = target.question().value(rows).toType(DataType.FLOAT64, false).toDoubleArray();
                    System.arraycopy(v, 0, g, from, m);
                }
            }
        }
        PriorDrawCheck.noNaN(space, query.models(), query.describe(), x, g);
        BatchIndependence.atPriorDraws(space, query.models(), x);
        return g;
    }

    /** Part {@code r} of {@code parts} equal parts of the draws {@code [from, from + length)}. */
    private static int[] part(int from, int length, int r, int parts) {
        int per = length / parts;
        return new int[] {from + r * per, from + (r + 1) * per};
    }

    /**
     * Whether a first round that misses the evidence should make more draws per particle before anything else:
     * when some draws attain the target but too few effectively, and the populations agree (R̂). Draws cost no
     * tempering and no starting draws; disagreeing populations need to be wider instead.
     */
    static boolean drawMore(Evidence evidence, ProbeResult result) {
        double ess = result.attainedEss(evidence.tolerance());
        return ess > 0 && ess < evidence.minAttainedEss() && result.diagnostics().maxRhat() <= evidence.maxRhat();
    }

    /** After a round: how many populations to add (0: stop), and whether they replace the run with wider ones. */
    record Next(int add, boolean widen) {
        static final Next STOP = new Next(0, false);
    }

    /**
     * What follows a round, per {@link Sampling.Populations#until}. Stop once the result meets the evidence, when
     * nothing attains the target, or when the populations crossed a plateau of the question's energy blind
     * ({@link dev.probe.core.diagnostics.Diagnostics#plateauNats()}; more populations from the same pool would too).
     * If R̂ fails, the populations disagree, which larger populations fix and more of them do not: once, the run is replaced by {@code first} populations of twice the particles (when they fit in
     * {@code capacity} particles); after that, or if they do not fit, stop when R̂ exceeds twice the allowed excess.
     * Otherwise add the populations projected to give enough effective attained samples (in proportion to the
     * populations, 10% margin), when the projection fits in {@code capacity}.
     */
    static Next next(Evidence evidence, ProbeResult result, int made, int particles, int first, int capacity,
            boolean widened) {
        if (evidence.isMetBy(result)) {
            return Next.STOP;
        }
        double ess = result.attainedEss(evidence.tolerance());
        if (!(ess > 0)) {
            return Next.STOP;
        }
        if (result.diagnostics().plateauNats() > dev.probe.core.population.PopulationRun.MAX_PLATEAU_NATS) {
            // the populations crossed a plateau of the question's energy blind: more of them, or wider ones started
            // from the same pool, cross it the same way (the plateau is the largest over populations: it only grows)
            return Next.STOP;
        }
        double rhat = result.diagnostics().maxRhat();
        if (!(rhat <= evidence.maxRhat())) {
            if (!widened && 2L * particles * first <= capacity) {
                return new Next(first, true);
            }
            if (!(rhat <= 1 + 2 * (evidence.maxRhat() - 1))) {
                return Next.STOP;
            }
        }
        int most = capacity / particles;
        boolean enough = ess >= evidence.minAttainedEss();
        int needed = enough ? made + first
                : (int) Math.ceil(made * 1.1 * evidence.minAttainedEss() / (ess * floorOptimism(made)));
        if (!enough && needed > most) {
            return Next.STOP; // even the largest run would fall short
        }
        int add = Math.min(Math.max(2, needed - made), most - made);
        return add >= 2 ? new Next(add, false) : Next.STOP;
    }

    /**
     * How much larger than measured a population result's attained ESS may be, read from its {@code made} populations:
     * that ESS is at most what their disagreement allows ({@link dev.probe.core.diagnostics.Convergence#populationEss}),
     * an estimate with {@code made − 1} degrees of freedom, so a projection from 4 populations can fall 2–3 times short.
     * Growth projects from its 90% upper bound ({@code χ²₀.₉(made − 1)/(made − 1)}: 2.08 at 4, 1.72 at 8, 1.49 at
     * 16): a low reading does not declare the target out of reach, and a round that adds too few is followed by another
     * that projects again from more populations.
     */
    static double floorOptimism(int made) {
        return made < 2 ? 1 : org.apache.commons.statistics.distribution.ChiSquaredDistribution.of(made - 1)
                .inverseCumulativeProbability(0.9) / (made - 1);
    }

    /** The seed of round {@code round}'s populations (round 0: the configured seed), a SplitMix64 step away. */
    static long roundSeed(long seed, int round) {
        long z = seed + round * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static ProbeResult build(SampleSpace space, Query query, SamplerConfig budget, PopulationRun run) {
        double[][] energies = run.energies();
        double[] flat = new double[run.populations() * run.draws()];
        int i = 0;
        for (double[] pop : energies) {
            for (double u : pop) {
                flat[i++] = u;
            }
        }
        // log Z is the prior mass of the relaxed level set only for level-set queries; for a Gibbs query
        // exp(-G/τ) it is a normalising constant without that meaning, so the result carries none.
        PriorMass mass = query instanceof OutputEnergy
                ? new PriorMass(run.logPriorMass(), run.logPriorMassStandardError(), run.populations())
                : null;
        return ResultBuilder.build(space, query, run.pooledParticles(), run.populations(), flat, run.describe(), budget,
                run.diagnostics(), mass);
    }
}
