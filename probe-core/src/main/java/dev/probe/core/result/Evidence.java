package dev.probe.core.result;

/**
 * What converged evidence means: R̂ across independent chains or populations at most {@code maxRhat} (the largest
 * over the sampled coordinates, {@link dev.probe.core.diagnostics.Diagnostics#maxRhat()}; the energy's R̂ is not
 * judged, and an undefined R̂ fails), at
 * least {@code minAttainedEss} effective samples attaining the target within {@code tolerance}
 * ({@link ProbeResult#attainedEss}), and, for chains, at most {@code maxDivergences} divergent HMC trajectories
 * after warm-up ({@link dev.probe.core.diagnostics.Diagnostics#divergences()}; built-in 0, as Stan warns on any).
 * A divergence after warm-up means the integrator could not follow the target's curvature somewhere, so the
 * chains under-visit that region while R̂ and ESS can look fine (Neal's funnel: no draw in its neck, R̂ 1.02).
 * Population results are not judged by divergences: a divergent rejuvenation move is rejected, and the
 * populations' importance weights, not one chain's path, carry the answer. They are judged instead by whether they
 * had settled into the target: a settling drift ({@link dev.probe.core.diagnostics.Diagnostics#settlingDrift()})
 * above {@link dev.probe.core.population.PopulationRun#MAX_SETTLING_DRIFT} means the particles kept moving toward
 * regions the populations had missed (Neal's funnel: R̂ 1.002, E[v²] 2.3 against 9, drift 4.3–16), so the
 * evidence is not converged; so does a plateau of the question's energy that every particle crossed without seeing
 * the set, found later by moves ({@link dev.probe.core.diagnostics.Diagnostics#plateauNats()}).
 * The JUnit extension judges every
 * invocation by it (its settings {@code maxRhat}, {@code minAttainedEss}, {@code maxDivergences} and the
 * annotation's {@code tolerance}); population sampling can keep adding populations until a result meets it
 * ({@link dev.probe.core.probe.Sampling.Populations#until}).
 *
 * <pre>{@code
 * Evidence evidence = Evidence.DEFAULT;  // R̂ ≤ 1.05, 100 effective attained samples within 0.1, no divergence (chains)
 * ProbeResult r = probe.sample(config, probe.populationSampling(null).until(evidence, 16)); // MALA or MH moves
 * boolean ok = evidence.isMetBy(r);
 * }</pre>
 *
 * @param maxRhat largest R̂ over the sampled coordinates ({@code Diagnostics.maxRhat()}, not the energy's) of
 *     converged evidence, at least 1
 * @param minAttainedEss fewest effective attained samples, at least 0
 * @param tolerance target distance within which a sample attains the target, positive
 * @param maxDivergences most divergent trajectories after warm-up that chains may have, at least 0
 */
public record Evidence(double maxRhat, double minAttainedEss, double tolerance, long maxDivergences) {
    /**
     * R̂ ≤ 1.05, 100 effective attained samples within 0.1 and no divergence after warm-up: the extension's
     * built-in settings.
     */
    public static final Evidence DEFAULT = new Evidence(1.05, 100, 0.1, 0);

    /** Evidence that allows no divergence after warm-up. */
    public Evidence(double maxRhat, double minAttainedEss, double tolerance) {
        this(maxRhat, minAttainedEss, tolerance, 0);
    }

    public Evidence {
        if (!(maxRhat >= 1) || !Double.isFinite(maxRhat)) {
            throw new IllegalArgumentException("Evidence: maxRhat must be a number of at least 1, got " + maxRhat);
        }
        if (!(minAttainedEss >= 0) || !Double.isFinite(minAttainedEss)) {
            throw new IllegalArgumentException("Evidence: minAttainedEss must be a number of at least 0, got "
                    + minAttainedEss);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("Evidence: tolerance must be positive, got " + tolerance);
        }
        if (maxDivergences < 0) {
            throw new IllegalArgumentException("Evidence: maxDivergences must be at least 0, got " + maxDivergences);
        }
    }

    /**
     * Whether {@code result}'s R̂, effective attained samples, and divergences (chains) or settling (populations)
     * meet this evidence, and chains started from the shared prior pool agree with it ({@link ProbeResult#poolCheck}).
     */
    public boolean isMetBy(ProbeResult result) {
        return result.diagnostics().maxRhat() <= maxRhat && result.attainedEss(tolerance) >= minAttainedEss
                && !hasTooManyDivergences(result) && !isUnsettled(result)
                && !(result.isPopulationResult() && unmoved(result.diagnostics())) && !disagreesWithPool(result);
    }

    /**
     * Whether the chains' draws differ from the shared prior pool's weighted draws by more than this evidence allows
     * ({@link ProbeResult#poolCheck}): chains that all stayed in some regions of the target, which R̂ cannot see (a new
     * user's 8 chains in one piece of a two-piece level set: R̂ 1.028, the piece's share 1.000 [0.9957, 1] where it
     * is 0.806). At {@code maxRhat} 1.05 or below, the difference chance allows ({@link PoolCheck#disagrees}); an
     * evidence that lets chains disagree more among themselves lets them disagree with the pool in proportion, by
     * {@code √(maxRhat² − 1) / √(1.05² − 1)} (R̂² − 1 is about the chains' between-chain variance over their
     * within-chain one): 1.43 at maxRhat 1.1, 5.4 at 2.
     */
    public boolean disagreesWithPool(ProbeResult result) {
        double slack = Math.max(1, Math.sqrt(maxRhat * maxRhat - 1) / Math.sqrt(1.05 * 1.05 - 1));
        return result.poolCheck().map(c -> c.distance() > slack * c.allowed()).orElse(false);
    }

    /**
     * Populations whose moves accepted fewer than this share of proposals (mean over populations and stages) did not
     * move their particles: their draws are copies of resampled starting draws, whose agreement says nothing (a
     * procedural space with {@code keep(0)}: acceptance 0.000, status {@code DEGENERATE}, evidence met).
     */
    public static final double MIN_POPULATION_ACCEPTANCE = 0.01;

    /** Whether population diagnostics show moves that (almost) never moved a particle. */
    public static boolean unmoved(dev.probe.core.diagnostics.Diagnostics d) {
        return d.meanAcceptance() < MIN_POPULATION_ACCEPTANCE;
    }

    /**
     * Whether a bare chain run (no query, so no target: every draw counts as attained, and {@code tolerance} is not
     * used) meets this evidence: {@code maxRhat()} at most {@code maxRhat}, the smallest bulk ESS over the coordinates
     * ({@code minEss()}) and the smallest tail ESS ({@link #minTailEss}) at least {@code minAttainedEss}, and at most
     * {@code maxDivergences} divergent trajectories after warm-up. The same rule as {@link #isMetBy(ProbeResult)} for a
     * run of your own energy. The tail ESS is Stan's second check (Vehtari et al. 2021): chains that visit a minor mode
     * rarely, or cross into a heavy tail seldom, can have a bulk ESS in the hundreds while the ESS of "in the minor
     * mode" is a few dozen (a new user's 0.8/0.2 mixture: bulk ESS 183–600, the mode share's 28–42, every such run
     * off by 4 to 10 standard errors).
     *
     * <pre>{@code
     * Trace trace = new Sampler(config).run(Hmc.of(0.1, 8), energy); // a differentiable energy; RandomWalkMetropolis otherwise
     * boolean ok = Evidence.DEFAULT.isMetBy(trace);
     * }</pre>
     */
    public boolean isMetBy(dev.probe.core.sampler.Trace trace) {
        dev.probe.core.diagnostics.Diagnostics d = trace.diagnostics();
        return d.maxRhat() <= maxRhat && d.minEss() >= minAttainedEss && d.divergences() <= maxDivergences
                && minTailEss(trace) >= minAttainedEss;
    }

    /**
     * The smallest tail ESS over the coordinates of {@code trace}
     * ({@link dev.probe.core.diagnostics.Convergence#tailEss}: the ESS of the indicators of the 5% and 95% quantiles); NaN with fewer than 4 draws per chain. A coordinate that
     * takes one value in every draw, or whose quantile indicators do not vary (ties), has no tails to judge and is
     * skipped; +∞ if no coordinate has.
     */
    public static double minTailEss(dev.probe.core.sampler.Trace trace) {
        if (trace.draws() < 4) {
            return Double.NaN;
        }
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < trace.dimension(); k++) {
            double[][] x = trace.coordinate(k);
            double first = x[0][0];
            boolean constant = java.util.Arrays.stream(x).flatMapToDouble(java.util.Arrays::stream)
                    .allMatch(v -> v == first);
            double tail = constant ? Double.NaN : dev.probe.core.diagnostics.Convergence.tailEss(x);
            if (!Double.isNaN(tail)) { // NaN: a quantile indicator without spread (ties at one value), nothing to judge
                min = Math.min(min, tail);
            }
        }
        return min;
    }

    /**
     * Whether a bare population run ({@code new Smc(config).run(...)}, every draw counting as attained; {@code
     * tolerance} is not used) meets this evidence: R̂ across its populations at most {@code maxRhat}, the smallest
     * ESS over the coordinates of the pooled draws at least {@code minAttainedEss}, settled ({@link #isUnsettled}), and
     * moved (a mean acceptance of at least {@value #MIN_POPULATION_ACCEPTANCE});
     * divergences are not judged, as for
     * {@link #isMetBy(ProbeResult)}.
     */
    public boolean isMetBy(dev.probe.core.population.PopulationRun run) {
        dev.probe.core.diagnostics.Diagnostics d = run.diagnostics();
        return d.maxRhat() <= maxRhat && d.minEss() >= minAttainedEss && !unsettled(d) && !unmoved(d);
    }

    /**
     * Whether {@code result} came from populations whose particles had not settled into the target (settling drift
     * above {@link dev.probe.core.population.PopulationRun#MAX_SETTLING_DRIFT}, or a plateau of the question's energy
     * crossed blind: {@link dev.probe.core.diagnostics.Diagnostics#plateauNats()} above
     * {@link dev.probe.core.population.PopulationRun#MAX_PLATEAU_NATS}; always false for chains).
     */
    public static boolean isUnsettled(ProbeResult result) {
        return result.isPopulationResult() && unsettled(result.diagnostics());
    }

    private static boolean unsettled(dev.probe.core.diagnostics.Diagnostics d) {
        return d.settlingDrift() > dev.probe.core.population.PopulationRun.MAX_SETTLING_DRIFT
                || d.plateauNats() > dev.probe.core.population.PopulationRun.MAX_PLATEAU_NATS;
    }

    /**
     * Whether {@code result} came from chains with more divergent trajectories after warm-up than allowed
     * (always false for population results).
     */
    public boolean hasTooManyDivergences(ProbeResult result) {
        return !result.isPopulationResult() && result.diagnostics().divergences() > maxDivergences;
    }
}
