package dev.probe.core.result;

import dev.probe.core.diagnostics.Convergence;
import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.sampler.SamplerConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The immutable answer to a probe, with no tensors inside: for every kept draw (chain after chain) the
 * sampled coordinates (latents, or free features), the model input they push forward to, every model's
 * outputs and the distance from the query's target; plus the engine's diagnostics and the provenance
 * (query, space, kernel, seed, full sampler configuration). Accessors return copies.
 *
 * <p>Rates ({@link #attainment}, {@link #rate}, {@link #misclassified}) come with exact Clopper–Pearson
 * intervals on the effective number of draws (see {@link Rate}).
 *
 * <pre>{@code
 * ProbeResult r = Probe.of(space, Ambivalent.between(classifier, 1, 7)).sample(config);
 * Rate onTarget = r.attainment(0.1);
 * Rate wrong = r.misclassified(classifier.name(), Oracle.constant(1));
 * System.out.println(r.summary());
 * }</pre>
 */
public final class ProbeResult {
    /** Two-sided confidence of the rates' intervals. */
    public static final double CONFIDENCE = 0.95;

    private final Provenance provenance;
    private final int chains;
    private final double[][] latents;
    private final double[][] inputs;
    private final List<String> models;
    private final double[][][] outputs;
    private final double[] energies;
    private final double[] distances;
    private final PriorMass priorMass;
    private final double largestTargetDistance;
    private final PoolCheck poolCheck;
    private final java.util.function.DoubleFunction<String> attainedWhen;

    /**
     * A result; arrays are {@code [chains·draws]} rows, chain after chain, and {@code outputs[m]} belongs
     * to {@code models.get(m)}. A draw whose energy is +∞ or NaN gets the target distance +∞ (it has no weight under
     * the question's distribution, so it never attains).
     */
    public ProbeResult(Provenance provenance, int chains, double[][] latents, double[][] inputs, List<String> models,
            double[][][] outputs, double[] energies, double[] distances) {
        this(provenance, chains, latents, inputs, models, outputs, energies, distances, null);
    }

    /** A result with the prior mass of the query's relaxed level set (population samplers estimate it). */
    public ProbeResult(Provenance provenance, int chains, double[][] latents, double[][] inputs, List<String> models,
            double[][][] outputs, double[] energies, double[] distances, PriorMass priorMass) {
        this(provenance, chains, latents, inputs, models, outputs, energies, distances, priorMass,
                Double.POSITIVE_INFINITY);
    }

    /**
     * A result whose query's target distances are at most {@code largestTargetDistance}
     * ({@link dev.probe.core.query.Query#largestTargetDistance}; infinity if unbounded or unknown).
     */
    public ProbeResult(Provenance provenance, int chains, double[][] latents, double[][] inputs, List<String> models,
            double[][][] outputs, double[] energies, double[] distances, PriorMass priorMass,
            double largestTargetDistance) {
        this(provenance, chains, latents, inputs, models, outputs, energies, distances, priorMass, largestTargetDistance,
                t -> "target distance ≤ " + t);
    }

    /**
     * A result that also says what attaining its query's target means ({@code attainedWhen}, as
     * {@link dev.probe.core.query.Query#attainedWhen}: a function of the tolerance).
     */
    public ProbeResult(Provenance provenance, int chains, double[][] latents, double[][] inputs, List<String> models,
            double[][][] outputs, double[] energies, double[] distances, PriorMass priorMass,
            double largestTargetDistance, java.util.function.DoubleFunction<String> attainedWhen) {
        this.attainedWhen = java.util.Objects.requireNonNull(attainedWhen, "attainedWhen");
        this.priorMass = priorMass;
        this.largestTargetDistance = largestTargetDistance;
        this.provenance = provenance;
        this.chains = chains;
        this.latents = Copies.of(latents);
        this.inputs = Copies.of(inputs);
        this.models = List.copyOf(models);
        this.outputs = new double[outputs.length][][];
        for (int m = 0; m < outputs.length; m++) {
            this.outputs[m] = Copies.of(outputs[m]);
        }
        this.energies = energies.clone();
        this.distances = distances.clone();
        for (int i = 0; i < Math.min(energies.length, distances.length); i++) {
            // a draw whose energy is +∞ or NaN has no weight under the question's distribution (the question excludes
            // it, or is undefined there): a starting draw that never moved, not an answer, so it does not attain,
            // whatever its outputs (a new user's +∞-everywhere energy read attainment 0.23 from such draws)
            this.distances[i] = Double.isFinite(energies[i]) ? distances[i] : Double.POSITIVE_INFINITY;
        }
        this.poolCheck = null;
    }

    public int size() {
        return latents.length;
    }

    /**
     * The number of independent runs behind the samples: chains for chain sampling, populations for population
     * sampling (a {@code SamplerConfig} of 8 chains sampled by 4 populations sized from its budget gives 4).
     */
    public int chains() {
        return chains;
    }

    /** Sampled coordinates {@code [n][dimension]}. */
    public double[][] latents() {
        return Copies.of(latents);
    }

    /** Model inputs {@code [n][features]}. */
    public double[][] inputs() {
        return Copies.of(inputs);
    }

    /** Names of the query's models, in the order of {@link Sample#outputs()}. */
    public List<String> models() {
        return models;
    }

    /** Outputs {@code [n][k]} of the named model. */
    public double[][] outputs(String model) {
        return Copies.of(outputs[indexOf(model)]);
    }

    /**
     * Energies of the kept draws: of the sampled distribution prior·e^{−G}, i.e. the question's G plus the space's
     * prior energy (|z|²/2 over a standard-normal latent, 0 in a box), not G alone.
     */
    public double[] energies() {
        return energies.clone();
    }

    /**
     * Distances from the query's target (0 = attained); +∞ for a draw whose {@linkplain #energies() energy} is +∞ or
     * NaN, which has no weight under the question's distribution (the question excludes it, or is undefined there): it
     * never attains, whatever the models say of it.
     */
    public double[] targetDistances() {
        return distances.clone();
    }

    /** Sample {@code i}, {@code 0 ≤ i < size()}. */
    public Sample sample(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("Sample " + i + " does not exist: this result has " + size()
                    + " samples, numbered 0 to " + (size() - 1) + ".");
        }
        double[][] out = new double[outputs.length][];
        for (int m = 0; m < outputs.length; m++) {
            out[m] = outputs[m][i].clone();
        }
        return new Sample(i, latents[i].clone(), inputs[i].clone(), out, distances[i]);
    }

    /**
     * Target attainment: the fraction of samples within {@code tolerance} of the query's target. Its interval, like every
     * {@link Rate} of a result, counts effective trials: the indicator's ESS over chains, and for population results at
     * most what the populations' disagreement allows ({@link Convergence#populationEss}).
     */
    public Rate attainment(double tolerance) {
        checkTolerance(tolerance);
        return rate(s -> s.targetDistance() <= tolerance);
    }

    /**
     * The effective number of samples attaining the target within {@code tolerance}: attained samples scaled by
     * the effective fraction of the draws ({@code successes · n_eff / n} of {@link #attainment}). Converged
     * evidence needs enough of them ({@link Evidence}). When every draw attains, or fewer than 20 miss, the
     * indicator says little about how the draws mix, and the fraction is at most the energy's ESS over the draws.
     */
    public double attainedEss(double tolerance) {
        checkTolerance(tolerance);
        boolean[] attained = new boolean[size()];
        long count = 0;
        for (int i = 0; i < size(); i++) {
            attained[i] = distances[i] <= tolerance;
            count += attained[i] ? 1 : 0;
        }
        return size() == 0 ? 0 : count * memberFraction(attained, count);
    }

    /**
     * The effective fraction of the draws for the members of a subset ({@code members} of them): the ESS fraction of
     * its indicator. A handful of non-members (or members) carries no autocorrelation to measure: one isolated miss
     * among 1,600 draws of stuck chains read as 1,599 effective attained samples, where every draw attaining read 17
     * (the energy's ESS); such an indicator counts at most as the energy's draws do, as a constant one does.
     */
    private double memberFraction(boolean[] member, long members) {
        double fraction = essFraction(member);
        long minority = Math.min(members, size() - members);
        if (minority > 0 && minority < FEW_INDICATOR_EVENTS) {
            fraction = Math.min(fraction, withoutIndicatorEss() / size());
        }
        return Math.max(1.0 / size(), Math.min(1, fraction));
    }

    /**
     * Below this many draws on the rarer side (misses among attained draws, or hits among missed ones), the attainment
     * indicator's ESS does not judge how the draws mix, and {@link #attainedEss} is at most the energy's ESS.
     */
    static final int FEW_INDICATOR_EVENTS = 20;

    /** The fraction of samples satisfying {@code p}. */
    public Rate rate(Predicate<Sample> p) {
        return rateAmong(p, s -> true, false);
    }

    /**
     * The fraction of samples satisfying {@code p} among those satisfying {@code among}. Its effective trials are the
     * ESS of its indicator, at most the energy's when fewer than {@value #FEW_INDICATOR_EVENTS} draws are on the rarer
     * side (as for {@link #attainedEss}), and at most the effective number of the {@code among} samples (for the
     * attained ones: {@link #attainedEss}): a rate among 457 attained draws worth 281 effective ones counted 457 when no
     * draw satisfied {@code p} (a constant indicator has no ESS of its own), and a gate's interval was too narrow by
     * that much.
     */
    public Rate rateAmong(Predicate<Sample> p, Predicate<Sample> among) {
        return rateAmong(p, among, true);
    }

    /**
     * As {@link #rateAmong(Predicate, Predicate)}; {@code subset} caps the effective trials by the {@code among}
     * samples' effective number even when every draw is among them (all attained: a new user's 29 of 240 counted 72
     * effective trials where the effective attained samples were 22).
     */
    private Rate rateAmong(Predicate<Sample> p, Predicate<Sample> among, boolean subset) {
        int n = size();
        boolean[] in = new boolean[n];
        boolean[] hit = new boolean[n];
        long trials = 0;
        long successes = 0;
        for (int i = 0; i < n; i++) {
            Sample s = sample(i);
            in[i] = among.test(s);
            hit[i] = in[i] && p.test(s);
            trials += in[i] ? 1 : 0;
            successes += hit[i] ? 1 : 0;
        }
        // a handful of events (one miss among 240 draws) has no autocorrelation to measure and read as 240 independent
        // draws where the same chains' other indicators had 17-40 (a new user's 0 of 8 such intervals held the truth):
        // the same rule as for the effective attained samples
        double effective = trials * memberFraction(hit, successes);
        if (subset) {
            effective = Math.min(effective, trials * memberFraction(in, trials));
        }
        return Rate.withEffectiveTrials(successes, trials, effective, CONFIDENCE);
    }

    /** The fraction of samples the named classifier labels differently from the oracle. */
    public Rate misclassified(String model, Oracle oracle) {
        int m = indexOf(model);
        int[] truth = checkedLabels(oracle.labels(latents, inputs), size(), m);
        return rate(s -> s.predicted(m) != truth[s.index()]);
    }

    /** As {@link #misclassified}, among samples within {@code tolerance} of the target (e.g. high-confidence ones). */
    public Rate misclassifiedAmongAttained(String model, Oracle oracle, double tolerance) {
        int m = indexOf(model);
        int[] truth = labelsWithin(oracle, tolerance, m);
        return rateAmong(s -> s.predicted(m) != truth[s.index()], s -> s.targetDistance() <= tolerance);
    }

    /**
     * The oracle's labels of the samples within {@code tolerance} of the target, checked as classes of {@code model};
     * −1 for the samples that missed it (the oracle is asked about the attained ones only). With them, a question
     * about several classes can judge a label against all of its classes (the JUnit extension's
     * {@code ProbeAnswer.misclassifiedAmongAttained()}: on an ambivalent pair the top class is a coin flip).
     */
    public int[] oracleLabelsOfAttained(String model, Oracle oracle, double tolerance) {
        return labelsWithin(oracle, tolerance, indexOf(model));
    }

    /** A distance tolerance must be a number ≥ 0 (−1 or NaN attained nothing, silently). */
    private static void checkTolerance(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("A target tolerance is a distance ≥ 0 from the query's target (0 = "
                    + "exactly on it, e.g. 0.05), got " + tolerance);
        }
    }

    /** The oracle's labels of the samples within {@code tolerance} (one batch), −1 for the others. */
    private int[] labelsWithin(Oracle oracle, double tolerance, int model) {
        checkTolerance(tolerance);
        int[] rows = java.util.stream.IntStream.range(0, size()).filter(i -> distances[i] <= tolerance).toArray();
        double[][] l = new double[rows.length][];
        double[][] x = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            l[k] = latents[rows[k]];
            x[k] = inputs[rows[k]];
        }
        int[] some = rows.length == 0 ? new int[0] : checkedLabels(oracle.labels(l, x), rows.length, model);
        int[] all = new int[size()];
        java.util.Arrays.fill(all, -1);
        for (int k = 0; k < rows.length; k++) {
            all[rows[k]] = some[k];
        }
        return all;
    }

    /**
     * The oracle's {@code labels}, checked: one per sample and each a class of model {@code m} (an oracle's label 7
     * on a 3-class model made every sample "misclassified" on both sides of a gate, which then passed).
     */
    private int[] checkedLabels(int[] labels, int expected, int m) {
        if (labels == null || labels.length != expected) {
            throw new IllegalArgumentException("The oracle returned " + (labels == null ? "null" : labels.length + " labels")
                    + " for " + expected + " samples: return one label per sample.");
        }
        int classes = expected == 0 ? 0 : outputs[m][0].length;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("The oracle labelled a sample " + labels[i] + ", but model '"
                        + models.get(m) + "' has " + classes + " classes (0.." + (classes - 1) + "): return class "
                        + "indices of the model's outputs (check the oracle's label mapping).");
            }
        }
        return labels;
    }

    /**
     * ESS of an indicator series over N draws, as a fraction in (0, 1]; when undefined (a constant indicator) the
     * energy's ESS, and when that is undefined too (a flat energy) the smallest coordinate ESS.
     */
    private double essFraction(boolean[] indicator) {
        int draws = size() / chains;
        double[][] series = new double[chains][draws];
        for (int c = 0; c < chains; c++) {
            for (int i = 0; i < draws; i++) {
                series[c][i] = indicator[c * draws + i] ? 1 : 0;
            }
        }
        double ess = draws >= 4 ? Convergence.bulkEss(series) : Double.NaN;
        if (isPopulationResult() && Double.isFinite(ess)) {
            // independent populations that disagree on the rate bound its error from below, as for estimate(): a share
            // is a mean of an indicator (Convergence.populationEss)
            double spread = Convergence.populationEss(series);
            ess = Double.isFinite(spread) ? Math.min(ess, spread) : ess;
        }
        if (!Double.isFinite(ess)) {
            ess = withoutIndicatorEss();
        }
        return Math.max(1.0 / size(), Math.min(1, ess / size()));
    }

    /** The ESS of the draws judged without an indicator: the energy's, else the smallest coordinate's, else the chains. */
    private double withoutIndicatorEss() {
        // a constant indicator has no ESS of its own: use the energy trace's (the energy decides the target)
        double ess = provenance.diagnostics().energyEss();
        if (!Double.isFinite(ess)) {
            // a flat energy too (piecewise-constant models such as trees, all draws attaining): the draws are as
            // independent as their coordinates, so the smallest coordinate ESS counts them
            ess = provenance.diagnostics().minEss();
        }
        return Double.isFinite(ess) ? ess : chains;
    }

    /**
     * Mean, standard deviation and ESS of a per-sample statistic: the smaller of the statistic's bulk ESS and the ESS of
     * its mean ({@link Convergence#meanEss}, what the standard error of a mean is judged by). For population results the
     * ESS is also at most what the spread of the populations' means allows ({@link Convergence#populationEss}).
     */
    public Estimate estimate(ToDoubleFunction<Sample> statistic) {
        int n = size();
        int draws = n / chains;
        double[][] series = new double[chains][draws];
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double v = statistic.applyAsDouble(sample(i));
            series[i / draws][i % draws] = v;
            sum += v;
            sq += v * v;
        }
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1)));
        // the error of a mean is judged by the ESS of the draws themselves (Stan's ess_mean, Convergence.meanEss); the
        // rank-normalised bulk ESS, robust where the mean's ESS is not, stays a bound: a statistician's skewed statistic
        // (z1²) had a bulk ESS of 314 and a mean ESS of 257, so its standard error read 1.11× too small
        double ess = draws >= 4 ? smaller(Convergence.bulkEss(series), Convergence.meanEss(series)) : Double.NaN;
        if (isPopulationResult() && draws >= 4) {
            // independent populations that disagree bound the error from below (Convergence.populationEss)
            double spread = Convergence.populationEss(series);
            ess = Double.isNaN(ess) ? spread : Double.isNaN(spread) ? ess : Math.min(ess, spread);
        }
        return new Estimate(mean, sd, Double.isFinite(ess) ? Math.min(ess, n) : chains);
    }

    /** The smaller of two ESS values, either of which may be undefined (NaN). */
    private static double smaller(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    /** Mean of the model inputs. */
    public double[] inputMean() {
        return Moments.mean(inputs);
    }

    /** Sample covariance of the model inputs. */
    public double[][] inputCovariance() {
        return Moments.covariance(inputs);
    }

    /**
     * The largest target distance the query can give any sample (infinity if unbounded or unknown): a tolerance at
     * least this large lets every sample attain the target.
     */
    public double largestTargetDistance() {
        return largestTargetDistance;
    }

    /**
     * What a sample attaining the target at {@code tolerance} means for this result's query, in its outputs' terms
     * and units ({@link dev.probe.core.query.Query#attainedWhen}), e.g. {@code p_7 of 'cnn' ≥ 0.9 (1 − tolerance 0.1)}.
     */
    public String attainedWhen(double tolerance) {
        return attainedWhen.apply(tolerance);
    }

    /**
     * The prior mass of the relaxed level set {@code exp(−G)} (population sampling of a level-set query; empty
     * otherwise). It is the soft set's mass, so it is reported even when no particle attains the target within a
     * tolerance: then it is carried by near misses and says how close the prior comes, not how often it hits, and it
     * is at best a lower bound of the set's mass (its {@code logUpperBound} is no bound then). Read it together with
     * {@link #attainment} and the convergence of the populations ({@code Evidence.isMetBy(result)}), or take its bound
     * from {@link #logPriorMassUpperBound}, which checks both. Its error bar includes the prior pool's own error (each
     * population starts from its share of the pool), but runs of one probe share one pool whatever the sampler's seed:
     * a new user's ten seeds of a two-piece set all read log Z about 0.09 nats high with one pool, and scattered around
     * the truth with one pool seed each. To repeat an estimate independently, vary the pool's seed too
     * ({@code probe.withPoolSeed(seed)}; the JUnit extension's {@code seed} setting does).
     */
    public java.util.Optional<PriorMass> priorMass() {
        return java.util.Optional.ofNullable(priorMass);
    }

    /**
     * The upper end of the prior mass's two-sided {@code confidence} interval ({@link PriorMass#logUpperBound}), only
     * where this result's evidence makes it a bound: empty when there is no prior mass (chains, or a query that is not
     * a function of the models' outputs), when {@code evidence} is not met ({@link Evidence#isMetBy(ProbeResult)}),
     * when no sample attains the target within {@code evidence.tolerance()}, or without an error bar (one
     * population). Populations that never reached the set, or missed part of it, all read low and agree in doing so,
     * so their interval's upper end bounds nothing (a new user's 4 populations with no draw in the target gave
     * log Z −80.2 as its upper end for a true −66.75); this is the check the JUnit extension's
     * {@code hasPriorMassAtMost} makes.
     *
     * <pre>{@code
     * OptionalDouble upper = result.logPriorMassUpperBound(Evidence.DEFAULT, 0.95);
     * if (upper.isPresent() && upper.getAsDouble() <= Math.log(1e-3)) { ... }  // rarer than 1 in 1,000, shown
     * }</pre>
     */
    public java.util.OptionalDouble logPriorMassUpperBound(Evidence evidence, double confidence) {
        if (evidence == null) {
            throw new IllegalArgumentException("logPriorMassUpperBound needs the evidence to judge the result by, got "
                    + "null; Evidence.DEFAULT is the extension's built-in one");
        }
        if (priorMass == null || !evidence.isMetBy(this) || attainment(evidence.tolerance()).successes() == 0) {
            return java.util.OptionalDouble.empty();
        }
        double upper = priorMass.logUpperBound(confidence);
        return Double.isNaN(upper) ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(upper);
    }

    public Diagnostics diagnostics() {
        return provenance.diagnostics();
    }

    /**
     * Whether the draws are the particles of independent populations (population sampling, SMC: one
     * "chain" per population, {@link #chains()} populations) rather than MCMC chains.
     */
    public boolean isPopulationResult() {
        return provenance.kernel().startsWith("SMC");
    }

    public long seed() {
        return provenance.config().seed();
    }

    public SamplerConfig config() {
        return provenance.config();
    }

    /** Query, space, kernel and configuration of the run. */
    public Provenance provenance() {
        return provenance;
    }

    private int indexOf(String model) {
        if (model == null) {
            throw new IllegalArgumentException("A model name is needed, got null; this result's models are " + models + ".");
        }
        int m = models.indexOf(model);
        if (m < 0) {
            throw new IllegalArgumentException("No model named '" + model + "' in this result; its models are " + models
                    + ". A model is named by its own name(): a TorchScript file's name without .pt, the name given to "
                    + "BlackBoxFunction.of or DjlBlockFunction.of; not by the @ProbedModel field or value that declares it");
        }
        return m;
    }

    /** A key/value table for reports and failure messages (seed first, so a failure can be replayed). */
    public String summary() {
        String unweighted = size() > 0 && java.util.Arrays.stream(energies).noneMatch(Double::isFinite)
                ? String.format(java.util.Locale.ROOT, "no weight            every one of the %d samples has a non-finite "
                        + "energy (+∞ where the question excludes an input, or NaN): they are starting draws, not the "
                        + "question's target, and none attains. If the energy is +∞ everywhere no budget changes that: "
                        + "check Query.energy at a few inputs; if it is finite only on a region rarer than 1 in %d "
                        + "draws, more starting draws find it (more particles, or a larger prior pool)%n", size(), size())
                : "";
        return provenance.table() + String.format(java.util.Locale.ROOT, "samples              %d%n", size()) + unweighted
                + diagnostics().table() + poolCheck().map(c -> "prior pool check     " + c.describe()
                        + System.lineSeparator()).orElse("");
    }

    /**
     * Chains that started from the shared prior pool, held against it ({@link PoolCheck}): empty for populations, for
     * chains started elsewhere, and where the pool has too few effective weighted draws to judge.
     * {@link Evidence#isMetBy} fails a result whose chains {@linkplain PoolCheck#disagrees disagree} with it.
     */
    public Optional<PoolCheck> poolCheck() {
        return Optional.ofNullable(poolCheck);
    }

    /** This result with its chains' {@link PoolCheck} (the probe that sampled it computes it). */
    public ProbeResult withPoolCheck(PoolCheck check) {
        return new ProbeResult(this, java.util.Objects.requireNonNull(check, "check"));
    }

    /** {@code base} with a pool check (its arrays are private copies already, shared read-only). */
    private ProbeResult(ProbeResult base, PoolCheck check) {
        this.provenance = base.provenance;
        this.chains = base.chains;
        this.latents = base.latents;
        this.inputs = base.inputs;
        this.models = base.models;
        this.outputs = base.outputs;
        this.energies = base.energies;
        this.distances = base.distances;
        this.priorMass = base.priorMass;
        this.largestTargetDistance = base.largestTargetDistance;
        this.poolCheck = check;
        this.attainedWhen = base.attainedWhen;
    }

    @Override
    public String toString() {
        return "ProbeResult[" + provenance.query() + ", seed=" + seed() + ", " + size() + " samples]";
    }
}
