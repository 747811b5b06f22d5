package dev.probe.core.population;

import dev.probe.core.diagnostics.Convergence;
import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.diagnostics.InvalidProposals;
import dev.probe.core.sampler.ChainRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The result of population sampling: every population's equally weighted draws (its particles grouped by family,
 * the descendants of one starting draw, the families in a seeded random order; each particle's
 * {@link SmcConfig#draws()} draws in a row), its log
 * normalising constant and stage records, and the
 * run-level estimate {@code log Z} (log of the mean of the populations' Ẑ) with its standard error (their sd over √R),
 * R̂ across populations and a {@link PopulationStatus}. Holds no tensors.
 *
 * <p>{@link #diagnostics()} speaks the MCMC language so verdicts read the same for both samplers: each
 * population is one "chain"; R̂ per coordinate is the rank-normalised split-R̂ across populations (README,
 * "Population sampling"), the ESS per coordinate is the multi-chain ESS of the populations in that order (which sees
 * particles of one family that the moves left alike, and falls when the
 * populations disagree more than independent draws would) capped at the number of distinct draws. A
 * coordinate with one value in every particle of every population (e.g. an attribute the level set forces) has
 * R̂ 1 and that ESS.
 *
 * <pre>{@code
 * PopulationRun run = smc.run(target, Mala.of(0.1), starts);
 * System.out.printf("log Z = %.3f ± %.3f (%s)%n", run.logPriorMass(), run.logPriorMassStandardError(), run.status());
 * double[][] samples = run.pooledParticles();
 * }</pre>
 */
public final class PopulationRun {
    private final SmcConfig config;
    private final String kernel;
    private final double[][][] particles;
    private final double[][] questionEnergies;
    private final double[][] energies;
    private final double[] logZ;
    private final List<List<Stage>> stages;
    private final List<PopulationStatus> statuses;
    private final PopulationStatus status;
    private final Diagnostics diagnostics;
    private final int unique;
    private final double[] acceptance;
    private final double[] stepSizes;
    private final long[] counts;
    private final double seconds;
    /** How the run was made, e.g. {@code "4×64 + 6×64"}; one round: {@code "4×64"}. */
    private final String rounds;
    /** How the local moves were scaled, e.g. {@code "full-covariance metric"} ({@link Population#metric}). */
    private final String metric;
    /**
     * Largest {@link Diagnostics#settlingDrift()} of a settled run: the larger of two |t| statistics, so about one in
     * 8,000 runs that had settled exceeds it by chance. Measured: 0.2–2.4 on closed forms that SMC samples correctly,
     * at most 3.0 in 150 of the suite's 157 runs (none of its outcomes changed), 4.3–16 on Neal's funnel
     * (BENCHMARK.md, "Settling").
     */
    public static final double MAX_SETTLING_DRIFT = 4;

    /**
     * A settling drift above this and at most {@link #MAX_SETTLING_DRIFT} is borderline: with
     * {@link SmcConfig#recheckSettling()} the run goes on to twice its draws and reads the drift again (about one
     * settled run in eleven pays for that; one that had not settled drifts further with every draw).
     */
    public static final double BORDERLINE_SETTLING_DRIFT = 2;

    /**
     * Largest {@link Diagnostics#plateauNats()} of a settled run, in nats: a population whose stages charged more than
     * this to a plateau of the question's energy, above the set it found later, crossed the plateau blind and its log Z
     * and draws are not evidence. Runs whose starting draws see the set have next to none (at most 0.002 over 40 runs of
     * a 1-in-390,000 corner, from a last stage with weights alike); the corner of 1 in 4·10¹⁰ that fooled R̂ had 115.
     */
    public static final double MAX_PLATEAU_NATS = 1;

    /**
     * A prior pool size at which each of {@code populations} populations starts from about 4 draws inside a set of
     * prior mass {@code exp(logPriorMass)}: a population starts from its own share of the pool (half of it split among
     * the first round's populations, when they may grow), so this is what lets a run that crossed a plateau blind start
     * beside the set instead. Rounded up to a multiple of 1,024; {@link Long#MAX_VALUE} where it overflows. A new user's
     * rare half-spaces: a pool with about 2 such draws per population (262,144 draws at a mass of 6·10⁻⁵) gave 35 of 36
     * settled runs, the default pool 8 of 30; at 0.26 per population (4,194,304 draws at 5·10⁻⁷) none settled.
     *
     * <pre>{@code
     * long pool = PopulationRun.poolToSeeTheSet(run.logPriorMass(), run.populations());
     * }</pre>
     */
    public static long poolToSeeTheSet(double logPriorMass, int populations) {
        double n = 8.0 * Math.max(1, populations) * Math.exp(-logPriorMass);
        return !(n < 1e18) ? Long.MAX_VALUE : (long) Math.ceil(n / 1024) * 1024;
    }

    /** Above this many draws a prior pool is no practical lever (memory, and the time to build it). */
    public static final long LARGEST_PRACTICAL_POOL = 1L << 22;

    /**
     * What helps a run whose populations crossed a plateau blind: a pool of {@link #poolToSeeTheSet} draws where that is
     * practical, else counting the set with independent draws first. The plateau makes {@code logPriorMass} low by up to
     * its nats, so the set may need fewer draws (a new user's box corner of true mass 1.8·10⁻⁸ read log Z −62.7 after a
     * 60.6-nat plateau, and "more than 10^18 draws" where about 10⁹ would do); the estimate's own error can make it high,
     * which {@link #plateauLever(double, double, int)} adds. Particles are no lever: they add no starting draws while
     * the pool holds particles × populations.
     */
    public static String plateauLever(double logPriorMass, int populations) {
        return plateauLever(logPriorMass, 0, populations);
    }

    /**
     * As {@link #plateauLever(double, int)}, with the estimate's standard error {@code logPriorMassSd}: the plateau makes
     * log Z low, but its own error can make it high too, so the pool is given up to its size at the low end of the
     * estimate's ±2 standard errors (a new user's −9.46 ± 3.83, 0.84 nats above the exact −10.30, was told "at most
     * 617,472 draws" where 1.43 million were needed).
     */
    public static String plateauLever(double logPriorMass, double logPriorMassSd, int populations) {
        long pool = poolToSeeTheSet(logPriorMass, populations);
        long low = Double.isFinite(logPriorMassSd) && logPriorMassSd > 0
                ? poolToSeeTheSet(logPriorMass - 2 * logPriorMassSd, populations) : pool;
        return pool <= LARGEST_PRACTICAL_POOL
                ? String.format(Locale.ROOT, "a larger prior pool, about %,d draws (Probe.withPoolSize, or setting "
                        + "pool in the extension), so that each population starts from a few draws in the set at this "
                        + "prior mass (fewer if the set is commoner, as the plateau allows%s; each population starts "
                        + "from its own share of the pool: more particles add no starting draws)%s", pool,
                        low > 2 * pool ? String.format(Locale.ROOT, ", and up to %s if it is as rare as the low end of "
                                + "the estimate's ±2 standard errors, log Z %.2f ± %.2f", low == Long.MAX_VALUE
                                        ? "more than 10^18" : String.format(Locale.ROOT, "%,d", low), logPriorMass,
                                logPriorMassSd) : "",
                        // a new user's upper figure of 1.2·10^16 drew no word on what to do first
                        low > LARGEST_PRACTICAL_POOL ? "; that upper figure is more than is practical: to know which "
                                + "pool it needs, first count the set's mass with independent draws (Probe.levelSetMass)"
                                : "")
                : String.format(Locale.ROOT, "first count the set's mass with independent draws (Probe.levelSetMass): at "
                        + "this run's prior mass a pool would need %s draws to give each population a few starting draws, "
                        + "more than is practical, but the plateau can make that mass many nats low, and the count says "
                        + "how rare the set is and so how large a pool (Probe.withPoolSize, or setting pool) it needs",
                        pool == Long.MAX_VALUE ? "more than 10^18" : String.format(Locale.ROOT, "about %,d", pool));
    }

    /** Per population, {@link Settling#sums} (null where it did not reach β = 1). */
    private final double[][] settling;
    /** What {@link Smc#moreDraws} needs to go on with a run of one round, or {@code null} (pooled or charged runs). */
    private Continuation continuation;

    /**
     * A run's populations with their state at the end, the move stream, the particles' order and the counts so far.
     * Draw blocks change the populations, so only the run made last from them can go on ({@link #drawsMade}).
     */
    record Continuation(List<Population> pops, ChainRandom moves, int[][] orders, long[] counts, int drawsMade) {}

    private PopulationRun(SmcConfig config, String kernel, double[][][] particles, double[][] questionEnergies,
            double[][] energies, double[] logZ, List<List<Stage>> stages, List<PopulationStatus> statuses,
            PopulationStatus status, Diagnostics diagnostics, int unique, double[] acceptance, double[] stepSizes,
            long[] counts, double seconds, String rounds, String metric, double[][] settling) {
        this.config = config;
        this.kernel = kernel;
        this.particles = particles;
        this.questionEnergies = questionEnergies;
        this.energies = energies;
        this.logZ = logZ;
        this.stages = stages;
        this.statuses = statuses;
        this.status = status;
        this.diagnostics = diagnostics;
        this.unique = unique;
        this.acceptance = acceptance;
        this.stepSizes = stepSizes;
        this.counts = counts;
        this.seconds = seconds;
        this.rounds = rounds;
        this.metric = metric;
        this.settling = settling;
    }

    static PopulationRun of(SmcConfig config, String kernel, List<Population> pops, ChainRandom random, ChainRandom moves,
            double seconds, long[] counts) {
        int[][] orders = new int[pops.size()][];
        for (int p = 0; p < orders.length; p++) {
            orders[p] = familyOrder(pops.get(p).family, config.particles(), random);
        }
        return of(config, kernel, pops, orders, moves, seconds, counts);
    }

    /** As above with the particles' order given (a run that goes on keeps its order). */
    static PopulationRun of(SmcConfig config, String kernel, List<Population> pops, int[][] orders, ChainRandom moves,
            double seconds, long[] counts) {
        int r = pops.size();
        int n = config.particles();
        int d = pops.get(0).dimension;
        int k = pops.get(0).drawnX.size();
        double[][][] x = new double[r][n * k][d];
        double[][] g = new double[r][n * k];
        double[][] u = new double[r][n * k];
        double[] logZ = new double[r];
        double[] acceptance = new double[r];
        double[] steps = new double[r];
        List<List<Stage>> stages = new ArrayList<>();
        List<PopulationStatus> statuses = new ArrayList<>();
        double[][] settling = new double[r][];
        int unique = 0;
        for (int p = 0; p < r; p++) {
            Population pop = pops.get(p);
            settling[p] = Settling.sums(pop);
            int[] order = orders[p];
            for (int i = 0; i < n; i++) {
                int j = order[i];
                for (int s = 0; s < k; s++) {
                    // a particle's draws in a row: the ESS sees what they share
                    int row = i * k + s;
                    float[] drawn = pop.drawnX.get(s);
                    for (int c = 0; c < d; c++) {
                        x[p][row][c] = drawn[j * d + c];
                    }
                    g[p][row] = pop.drawnQuestion.get(s)[j];
                    u[p][row] = pop.drawnPrior.get(s)[j] + pop.beta * g[p][row];
                }
            }
            logZ[p] = pop.logZ;
            unique += distinctRows(x[p]);
            acceptance[p] = pop.stages.stream().mapToDouble(Stage::acceptance).average().orElse(Double.NaN);
            steps[p] = pop.stepSize;
            stages.add(List.copyOf(pop.stages));
            statuses.add(pop.status);
        }
        String metric = pops.stream().map(p -> p.metric).distinct().sorted().reduce((a, b) -> a + "/" + b).orElseThrow();
        PopulationRun run = assemble(config, kernel, x, g, u, logZ, stages, statuses, unique, acceptance, steps,
                counts.clone(), seconds, r + "×" + n, metric, settling);
        run.continuation = new Continuation(pops, moves, orders, counts.clone(), k);
        return run;
    }

    /** The state {@link Smc#moreDraws} goes on from, or {@code null} if this run cannot go on. */
    Continuation continuation() {
        return continuation != null && continuation.pops().get(0).drawnX.size() == continuation.drawsMade()
                ? continuation : null;
    }

    /** Whether {@link Smc#moreDraws} can add draws to this run: one round, not pooled, not charged, not gone on from. */
    public boolean canDrawMore() {
        return continuation() != null;
    }

    /** Wall seconds of the run (all rounds and set-aside runs). */
    double seconds() {
        return seconds;
    }

    /**
     * This run's populations followed by {@code more}'s, as one run of {@code R + R'} populations: log Z and its
     * error, R̂ and the ESS are recomputed over all of them. Both runs must have the same particles per population,
     * dimension and kernel, and their populations must be independent (their own seeds and starting draws).
     */
    public PopulationRun and(PopulationRun more) {
        if (more.particles() != particles() || more.draws() != draws() || more.dimension() != dimension()
                || !more.kernel.equals(kernel)) {
            throw new IllegalArgumentException("Only runs of equal populations can be pooled: " + describe() + " and "
                    + more.describe());
        }
        double[][][] x = concat(particles, more.particles, double[][][]::new);
        double[][] g = concat(questionEnergies, more.questionEnergies, double[][]::new);
        double[][] u = concat(energies, more.energies, double[][]::new);
        List<List<Stage>> allStages = new ArrayList<>(stages);
        allStages.addAll(more.stages);
        List<PopulationStatus> allStatuses = new ArrayList<>(statuses);
        allStatuses.addAll(more.statuses);
        long[] allCounts = counts.clone();
        for (int i = 0; i < allCounts.length; i++) {
            allCounts[i] += more.counts[i];
        }
        return assemble(config.toBuilder().populations(x.length).build(), kernel, x, g, u, concat(logZ, more.logZ),
                allStages, allStatuses, unique + more.unique, concat(acceptance, more.acceptance),
                concat(stepSizes, more.stepSizes), allCounts, seconds + more.seconds, rounds + " + " + more.rounds,
                metric.equals(more.metric) ? metric : metric + "/" + more.metric,
                concat(settling, more.settling, double[][]::new));
    }

    /**
     * This run, charged with the time and model evaluations of {@code discarded}: a run made and then set aside
     * (e.g. replaced by a run of larger populations), whose cost the result must still report.
     */
    public PopulationRun withCostOf(PopulationRun discarded) {
        long[] allCounts = counts.clone();
        for (int i = 0; i < allCounts.length; i++) {
            allCounts[i] += discarded.counts[i];
        }
        return assemble(config, kernel, particles, questionEnergies, energies, logZ, stages, statuses, unique, acceptance,
                stepSizes, allCounts, seconds + discarded.seconds, "(" + discarded.rounds + ": set aside) " + rounds,
                metric, settling);
    }

    private static PopulationRun assemble(SmcConfig config, String kernel, double[][][] x, double[][] g, double[][] u,
            double[] logZ, List<List<Stage>> stages, List<PopulationStatus> statuses, int unique, double[] acceptance,
            double[] steps, long[] counts, double seconds, String rounds, String metric, double[][] settling) {
        int r = x.length;
        int n = x[0].length;
        int d = x[0][0].length;
        int particles = config.particles();
        PopulationStatus status = PopulationStatus.OK;
        for (PopulationStatus s : statuses) {
            status = status.worst(s);
        }
        int totalStages = stages.stream().mapToInt(List::size).max().orElse(0);
        double[] rhat = new double[d];
        double[] ess = new double[d];
        for (int k = 0; k < d; k++) {
            double[][] coordinate = new double[r][n];
            for (int p = 0; p < r; p++) {
                for (int i = 0; i < n; i++) {
                    coordinate[p][i] = x[p][i][k];
                }
            }
            if (constant(coordinate)) {
                // one value in every particle of every population (an attribute the level set forces): the
                // populations agree exactly, and there is no spread to estimate an ESS from
                rhat[k] = 1;
                ess[k] = unique;
                continue;
            }
            rhat[k] = Convergence.rhat(coordinate);
            ess[k] = Math.min(Convergence.bulkEss(coordinate), unique);
        }
        // a constant energy (a flat target, e.g. uniform on a box) agrees exactly across populations, as a constant
        // coordinate does; its R̂ was NaN and made a correct run UNRELIABLE
        boolean flat = constant(u);
        double energyRhat = flat ? 1 : Convergence.rhat(u);
        double energyEss = flat ? unique : Math.min(Convergence.bulkEss(u), unique);
        if (Arrays.stream(logZ).anyMatch(v -> !(v > Double.NEGATIVE_INFINITY))
                || statuses.contains(PopulationStatus.STALLED)) {
            // a population none of whose starting draws had weight holds those draws, not the target: no R̂ can
            // vouch for it (a user's populations showed R̂ 1.004 over plain prior draws, status DEGENERATE); nor for one
            // that stalled below β = 1, whose draws are a tempered target's (a new user's, stopped by maxStages: R̂
            // 1.004, attainment half the truth, log Z 20 standard errors high, evidence met)
            Arrays.fill(rhat, Double.NaN);
            energyRhat = Double.NaN;
            // nor an ESS: a new user's run whose every weight was zero reported a minimum ESS of 929
            Arrays.fill(ess, Double.NaN);
            energyEss = Double.NaN;
        }
        double maxRhat = Math.max(energyRhat, Arrays.stream(rhat).max().orElse(Double.NaN));
        double spread = spread(logZ);
        double expected = expectedSpread(totalStages, config);
        if (status == PopulationStatus.OK && (!(maxRhat <= config.maxRhat()) || spread > 5 * expected)) {
            status = PopulationStatus.UNRELIABLE;
        }
        double drift = Settling.drift(Arrays.asList(settling));
        double plateau = plateauNats(stages, g);
        if (drift > MAX_SETTLING_DRIFT || plateau > MAX_PLATEAU_NATS) {
            status = status.worst(PopulationStatus.UNSETTLED);
        }
        double[] sorted = steps.clone();
        Arrays.sort(sorted);
        Diagnostics diagnostics = new Diagnostics(acceptance, rhat, ess, energyRhat, energyEss, seconds, seconds,
                InvalidProposals.NONE, new InvalidProposals(counts[2], counts[3], counts[4]), counts[0], counts[5],
                sorted[sorted.length / 2], drift, plateau);
        return new PopulationRun(config, kernel, x, g, u, logZ, stages, statuses, status, diagnostics, unique, acceptance,
                steps, counts, seconds, rounds, metric, settling);
    }

    private static double spread(double[] logZ) {
        return Arrays.stream(logZ).max().orElse(0) - Arrays.stream(logZ).min().orElse(0);
    }

    /** The spread of log Z that independent populations' stages allow by chance: √(2T(1−α)/(αN)). */
    private static double expectedSpread(int totalStages, SmcConfig config) {
        return Math.sqrt(2 * totalStages * (1 - config.alpha()) / (config.alpha() * config.particles()));
    }

    private double logZSpread() {
        return spread(logZ);
    }

    private int totalStages() {
        return stages.stream().mapToInt(List::size).max().orElse(0);
    }

    private double expectedLogZSpread() {
        return expectedSpread(totalStages(), config);
    }

    /**
     * A flat stage charges a plateau only if the draws' final mean energy lies more than this many of the stage's own
     * energy spreads (estimated from its weights' ESS) below the energy its particles had.
     */
    static final double PLATEAU_SPREADS = 10;

    /**
     * {@link Diagnostics#plateauNats()}: per population, over its {@link Stage#flat() flat} stages, the drop each
     * charged to log Z ({@code −Δlog Z ≈ δ·mean G} with weights all alike) beyond what the same step costs at the
     * question energy its last draws hold ({@code δ·mean G_final}); the largest over the populations, 0 without flat
     * stages, and only stages whose final energy lies more than {@value #PLATEAU_SPREADS} of their own spreads below
     * theirs. If the particles sat on a plateau of {@code G} and found a set of lower energy only later, by moves,
     * every flat stage charged the plateau's energy to mass that was in the set all along: log Z can be low by up to
     * this much (a new user's 1-in-4·10¹⁰ corner of [0, 1]³⁰ behind a saturated classifier: 100 nats low, every
     * population agreeing on it).
     */
    static double plateauNats(List<List<Stage>> stages, double[][] g) {
        // a flat stage counts only if the energy the draws end at lies more than PLATEAU_SPREADS of the stage's own
        // spread below what its particles had: a plateau's particles share one energy to float resolution, while a
        // steep energy far above its floor (a counterfactual's λ‖x − a‖²/τ at τ = 0.002) makes stages flat by the
        // stage-drop cap alone and declines by a few of its spreads as β grows, which is thermodynamic integration,
        // not a plateau (a new user's right counterfactual was refused with "plateau 2.1 nats")
        double worst = 0;
        for (int p = 0; p < stages.size(); p++) {
            double mean = 0;
            int finite = 0;
            for (double v : g[p]) {
                if (Double.isFinite(v)) {
                    mean += v;
                    finite++;
                }
            }
            if (finite == 0) {
                continue;
            }
            mean /= finite;
            double nats = 0;
            for (Stage stage : stages.get(p)) {
                double excess = -stage.logIncrement() - stage.delta() * mean; // δ·(mean G then − mean G at the end)
                double spread = Math.sqrt(Math.max(0, 1 / stage.essFraction() - 1)); // δ·sd(G) then, from the ESS
                if (stage.flat() && excess > PLATEAU_SPREADS * spread) {
                    nats += excess;
                }
            }
            worst = Math.max(worst, nats);
        }
        return worst;
    }

    private static <T> T[] concat(T[] a, T[] b, java.util.function.IntFunction<T[]> array) {
        T[] out = array.apply(a.length + b.length);
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean constant(double[][] values) {
        double first = values[0][0];
        for (double[] row : values) {
            for (double v : row) {
                if (v != first && !(Double.isNaN(v) && Double.isNaN(first))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The particles grouped by family (the descendants of one starting draw), the families in a seeded random order,
     * each family's particles in their own order (a resampling's copies next to each other). Within a family the
     * particles share ancestry; where the moves have not separated them they stay alike, and only an order that puts
     * them side by side lets the ESS see it: in a random order a new user's rotated, ill-conditioned Gaussian
     * (d = 20, diagonal-metric HMC moves) reported about 1,000 effective draws per coordinate whose means spread
     * 2.2–2.6 times their error over seeds. Families the moves did mix show no correlation side by side either.
     */
    static int[] familyOrder(int[] family, int n, ChainRandom random) {
        if (family == null) {
            return permutation(n, random);
        }
        java.util.Map<Integer, List<Integer>> members = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(family[i], f -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>(members.values());
        int[] shuffle = permutation(groups.size(), random);
        int[] order = new int[n];
        int at = 0;
        for (int g : shuffle) {
            for (int i : groups.get(g)) {
                order[at++] = i;
            }
        }
        return order;
    }

    private static int[] permutation(int n, ChainRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static int distinctRows(double[][] x) {
        Set<Row> rows = new HashSet<>();
        for (double[] v : x) {
            rows.add(new Row(v));
        }
        return rows.size();
    }

    private record Row(double[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row other && Arrays.equals(v, other.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }
    }

    public SmcConfig config() {
        return config;
    }

    public int populations() {
        return particles.length;
    }

    /** Particles {@code N} per population. */
    public int particles() {
        return config.particles();
    }

    /** Draws per population, {@code N·K} ({@link SmcConfig#draws()} per particle, each particle's in a row). */
    public int draws() {
        return particles[0].length;
    }

    public int dimension() {
        return particles[0][0].length;
    }

    /** {@code [population][draw][coordinate]}: particle {@code i}'s {@code K} draws are rows {@code i·K … i·K + K − 1}. */
    public double[][][] populationParticles() {
        double[][][] out = new double[particles.length][][];
        for (int p = 0; p < out.length; p++) {
            out[p] = new double[particles[p].length][];
            for (int i = 0; i < particles[p].length; i++) {
                out[p][i] = particles[p][i].clone();
            }
        }
        return out;
    }

    /**
     * The mean of {@code statistic} over every population's draws, with a standard error that the populations'
     * disagreement bounds from below ({@link Convergence#populationEss}): the error bar for a mode's share, a
     * coordinate's mean or a tail probability of the draws.
     *
     * <pre>{@code
     * Estimate share = run.estimate(x -> x[0] < 0 ? 1 : 0); // ± share.standardError()
     * }</pre>
     *
     * <p>NaN (mean, sd and standard error; ESS 0) when a population's weights were all zero or non-finite (its
     * {@code log Ẑ} is −∞) or it stalled below β = 1: its particles are not draws of the target (as R̂ and ESS
     * are then NaN), and a new user's run of that kind read "0.00000 ± 0.00000". A share that comes out 0 ± 0 from
     * populations that did reach the target means that no particle held the event, not that it is absent (a mode far
     * rarer than one starting draw is missed alike by every population).
     */
    public dev.probe.core.result.Estimate estimate(java.util.function.ToDoubleFunction<double[]> statistic) {
        if (Arrays.stream(logZ).anyMatch(v -> !(v > Double.NEGATIVE_INFINITY))
                || statuses.contains(PopulationStatus.STALLED)) {
            return new dev.probe.core.result.Estimate(Double.NaN, Double.NaN, 0);
        }
        double[][] series = new double[particles.length][];
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (int p = 0; p < particles.length; p++) {
            series[p] = new double[particles[p].length];
            for (int i = 0; i < particles[p].length; i++) {
                double v = statistic.applyAsDouble(particles[p][i].clone());
                series[p][i] = v;
                sum += v;
                sq += v * v;
                n++;
            }
        }
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1)));
        double ess = series[0].length >= 4 ? Convergence.populationEss(series) : Double.NaN;
        return new dev.probe.core.result.Estimate(mean, sd, Double.isFinite(ess) ? Math.min(ess, n) : particles.length);
    }

    /** Every population's draws, population after population: {@code [R·N·K][d]}. */
    public double[][] pooledParticles() {
        double[][] out = new double[populations() * draws()][];
        int row = 0;
        for (double[][] pop : particles) {
            for (double[] v : pop) {
                out[row++] = v.clone();
            }
        }
        return out;
    }

    /** Question energies {@code G} {@code [population][draw]}. */
    public double[][] questionEnergies() {
        return copy(questionEnergies);
    }

    /** Energies {@code U = P + G} at the final temperature, {@code [population][draw]}. */
    public double[][] energies() {
        return copy(energies);
    }

    /** log Z of every population. */
    public double[] logPriorMasses() {
        return logZ.clone();
    }

    /**
     * {@code log Z = log E_prior[exp(−G)]}: the log of the mean of the populations' estimates {@code Ẑ}. Each
     * population's {@code Ẑ} is unbiased for {@code Z}, so their mean is too, and the log's downward bias (about
     * half the variance of one population's log Ẑ, noticeable on rare sets with few particles) shrinks
     * {@code R}-fold, where the mean of the logs would keep it whole.
     */
    public double logPriorMass() {
        double max = Arrays.stream(logZ).max().orElse(Double.NaN);
        if (!Double.isFinite(max)) {
            return max;
        }
        return max + Math.log(Arrays.stream(logZ).map(v -> Math.exp(v - max)).average().orElseThrow());
    }

    /** The mean of the populations' log Ẑ (the centre of their spread; see {@link #logPriorMass()} for log Z). */
    private double meanLogPriorMass() {
        return Arrays.stream(logZ).average().orElse(Double.NaN);
    }

    /**
     * Standard error of {@link #logPriorMass()}: {@code √(max(s², v)/R)} with {@code s} the populations' sd and
     * {@code v} the ideal-mixing variance of one population's log Ẑ, {@code Σ_t (1/ESS_t − 1/n_t)} over its stages
     * (averaged over populations). With few populations {@code s} alone is itself very uncertain (3 degrees of
     * freedom at R = 4) and can be small by chance; {@code v} is a floor the estimate cannot beat.
     */
    public double logPriorMassStandardError() {
        return Math.sqrt(Math.max(betweenPopulationVariance(), idealVariance()) / logZ.length);
    }

    /** The sample variance of the populations' log Ẑ. */
    public double betweenPopulationVariance() {
        double m = meanLogPriorMass();
        return Arrays.stream(logZ).map(v -> (v - m) * (v - m)).sum() / (logZ.length - 1);
    }

    /** The variance one population's log Ẑ would have with perfect mixing, {@code Σ_t (1/ESS_t − 1/n_t)}, averaged. */
    public double idealVariance() {
        double sum = 0;
        for (List<Stage> pop : stages) {
            for (Stage s : pop) {
                double ess = s.essFraction() * s.weighted();
                sum += ess > 0 ? Math.max(0, 1 / ess - 1.0 / s.weighted()) : 0;
            }
        }
        return sum / stages.size();
    }

    /** The stages of population {@code p}. */
    public List<Stage> stages(int p) {
        return stages.get(p);
    }

    /** Status of every population. */
    public List<PopulationStatus> statuses() {
        return statuses;
    }

    /**
     * The run's status: the worst population's, UNRELIABLE if the populations disagree, UNSETTLED if their particles
     * kept drifting after they reached the target ({@link Diagnostics#settlingDrift()} above
     * {@value #MAX_SETTLING_DRIFT}).
     */
    public PopulationStatus status() {
        return status;
    }

    /** Distinct draws, summed over populations. */
    public int uniqueParticles() {
        return unique;
    }

    /** Particle-gradient evaluations (rows × batched gradient evaluations): the run's cost. */
    public long particleGradients() {
        return counts[1];
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * E.g. {@code SMC(MALA, 4×256 particles, α=0.50, moves 2–10, full-covariance metric, mode jumps)}: the moves'
     * metric (full covariance needs {@code max(4d, d²)} particles per population, README "Population sampling") and
     * whether any population made mode jumps (they need {@code d²/2}); a run that grew names its rounds, e.g.
     * {@code ...; rounds (4×64: set aside) 4×128 + 3×128)}.
     */
    public String describe() {
        String grown = rounds.equals(populations() + "×" + particles()) ? "" : "; rounds " + rounds;
        String draws = config.draws() > 1 ? ", " + config.draws() + " draws each" : "";
        boolean jumped = stages.stream().flatMap(List::stream).anyMatch(s -> s.jumps() > 0);
        boolean walk = metric.contains(Population.WALK) || metric.contains(Population.WALK_SPREAD);
        return String.format(Locale.ROOT, "SMC(%s, %d×%d particles%s, α=%.2f, moves %d–%d, %s, %s%s)", kernel,
                populations(), particles(), draws, config.alpha(), config.minMoves(),
                walk ? (int) Math.round(Rejuvenation.WALK_MOVES * config.maxMoves()) : config.maxMoves(), metric,
                jumped ? "mode jumps" : "no mode jumps", grown);
    }

    /** A key/value summary and every population's stages. */
    public String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%s%nstatus               %s %s%nlog Z                %.4f ± %.4f %s%nunique draws         %d of %d%n"
                        + "particle gradients   %d%n",
                describe(), status, statuses, logPriorMass(), logPriorMassStandardError(), Arrays.stream(logZ)
                        .mapToObj(v -> String.format(Locale.ROOT, "%.4f", v)).collect(java.util.stream.Collectors.joining(
                                ", ", "[", "]")), unique,
                populations() * draws(), counts[1]));
        for (int p = 0; p < stages.size(); p++) {
            out.append("population ").append(p).append('\n');
            stages.get(p).forEach(s -> out.append("  ").append(s.line()).append('\n'));
            if (!(logZ[p] > Double.NEGATIVE_INFINITY)) {
                out.append("  no stage: no starting draw had a finite question energy G (log Z = −∞); the population holds "
                        + "its unweighted starting draws, not the target. Give more or wider starting draws, or a "
                        + "question finite on more of the prior\n");
            }
        }
        return out.append(why()).append(diagnostics.table()).toString();
    }

    /** Why an unreliable or unsettled run is so, and what helps: a line per cause, empty otherwise. */
    private String why() {
        StringBuilder b = new StringBuilder();
        if (status == PopulationStatus.UNRELIABLE) {
            // a new user's UNRELIABLE run showed max R-hat 1.0112 and no reason: the threshold is SmcConfig's 1.01
            double rhat = Math.max(diagnostics.energyRhat(), diagnostics.maxRhat());
            if (!(rhat <= config.maxRhat())) {
                b.append(String.format(Locale.ROOT, "why UNRELIABLE       R-hat across the populations %.4f (coordinates "
                        + "and energy) is above SmcConfig's maxRhat %.3f, which is stricter than the %.2f a verdict's "
                        + "evidence needs (Evidence.DEFAULT). Helps: more particles per population, or more populations%n",
                        rhat, config.maxRhat(), dev.probe.core.result.Evidence.DEFAULT.maxRhat()));
            }
            double spread = logZSpread();
            double limit = 5 * expectedLogZSpread();
            if (spread > limit) {
                b.append(String.format(Locale.ROOT, "why UNRELIABLE       the populations' log Z differ by %.3f, more than "
                        + "5·√(2T(1−α)/(αN)) = %.3f for their %d stages of %d particles. Helps: more particles per "
                        + "population%n", spread, limit, totalStages(), config.particles()));
            }
        }
        if (diagnostics.plateauNats() > MAX_PLATEAU_NATS) {
            b.append(String.format(Locale.ROOT, "why UNSETTLED        the stages charged %.1f nats (allowed %.0f) to a "
                    + "plateau of the question's energy that every particle crossed before any saw the set, which they "
                    + "found later by moves: log Z can be that many nats low and the draws biased. Helps: starting "
                    + "draws in or beside the set (%s), or a question with a slope toward the set%n",
                    diagnostics.plateauNats(), MAX_PLATEAU_NATS, plateauLever(logPriorMass(),
                            logPriorMassStandardError(), populations())));
        }
        if (diagnostics.settlingDrift() > MAX_SETTLING_DRIFT) {
            b.append(String.format(Locale.ROOT, "why UNSETTLED        the particles' energies kept drifting after the last "
                    + "resampling (settling drift %.2f, allowed %.0f): the moves could not follow the target (a funnel's "
                    + "neck), so draws and log Z are biased however well the populations agree. Helps: more moves per "
                    + "stage (maxMoves), more particles, or a reparametrised space%n", diagnostics.settlingDrift(),
                    MAX_SETTLING_DRIFT));
        }
        return b.toString();
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    @Override
    public String toString() {
        return describe() + "[" + status + ", log Z " + logPriorMass() + "]";
    }
}
