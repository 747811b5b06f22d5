package dev.probe.core.result;

import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Is a candidate model no worse than a baseline on a probe statistic? A non-inferiority comparison with
 * margin {@code δ}: the candidate passes when the whole confidence interval of the difference
 * {@code candidate − baseline} lies on the good side of {@code δ} — upper end {@code ≤ δ} when lower is
 * {@link Better better}, lower end {@code ≥ −δ} when higher is better. With a 95% two-sided interval that
 * is a one-sided test at 2.5%, as in non-inferiority trials. Failing means "not shown to be no worse",
 * which includes "worse" (the whole interval beyond δ, see {@link #isWorse()}) and "too few effective
 * draws to tell".
 *
 * <p>The interval of the difference accounts for MCMC autocorrelation through each side's own interval,
 * which is computed on its effective sample size: for rates (Clopper–Pearson on effective trials, see
 * {@link Rate}) it is Newcombe's hybrid interval by the method of variance estimates recovery (MOVER;
 * Newcombe 1998, Zou &amp; Donner 2008): {@code L = d − √((p_c − l_c)² + (u_b − p_b)²)},
 * {@code U = d + √((u_c − p_c)² + (p_b − l_b)²)}; for means the normal interval
 * {@code d ± z·√(se_c² + se_b²)} with {@code se = sd/√ESS}. The interval treats the two runs as independent, which
 * is conservative when they are not: where a seed is set ({@code probe.seed}, {@code @ProbeSettings(seed)}) the
 * extension samples both sides of a gate with it, so two identical models give identical draws and a difference of
 * exactly 0 with the full width of two independent runs; without one, each side's seed derives from its own key.
 *
 * <pre>{@code
 * Rate base = baselineResult.misclassifiedAmongAttained("v1", oracle, 0.1);
 * Rate cand = candidateResult.misclassifiedAmongAttained("v2", oracle, 0.1);
 * Comparison c = Comparison.ofRates("high-confidence misclassification rate", Better.LOWER, base, cand, 0.05);
 * if (!c.isNoWorse()) throw new AssertionError(c.describe());
 * }</pre>
 *
 * @param statistic what is compared, for messages
 * @param better which direction is better
 * @param margin the non-inferiority margin δ ≥ 0, in the statistic's units
 * @param confidence two-sided confidence of the difference's interval
 * @param baseline the baseline model's estimate
 * @param candidate the candidate model's estimate
 * @param difference {@code candidate − baseline}
 * @param lower lower end of the difference's interval
 * @param upper upper end of the difference's interval
 */
public record Comparison(String statistic, Better better, double margin, double confidence, Measure baseline,
        Measure candidate, double difference, double lower, double upper) {

    public Comparison {
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("The margin δ must be a finite number ≥ 0 in the statistic's units, got "
                    + margin);
        }
        checkConfidence(confidence);
    }

    private static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("Confidence must lie in (0, 1), e.g. 0.95, got " + confidence);
        }
    }

    /** Two rates (e.g. high-confidence misclassification, or disagreement with an oracle), Newcombe/MOVER. */
    public static Comparison ofRates(String statistic, Better better, Rate baseline, Rate candidate, double margin) {
        if (baseline.confidence() != candidate.confidence()) {
            throw new IllegalArgumentException("Both rates need intervals of one confidence level, got "
                    + baseline.confidence() + " and " + candidate.confidence());
        }
        if (baseline.trials() == 0 || candidate.trials() == 0) {
            throw new IllegalArgumentException("Cannot compare '" + statistic + "': the " + (baseline.trials() == 0
                    ? "baseline" : "candidate") + " has no trials (no sample attained the target?). Sample longer or "
                    + "relax the tolerance.");
        }
        return ofMeasures(statistic, better, Measure.of(baseline), Measure.of(candidate), margin, baseline.confidence());
    }

    /**
     * Two rates counted on the <em>same</em> independent draws (each draw judged under both models, e.g. the prior mass
     * of confidently wrong inputs), from their 2×2 table: {@code both} draws count for both models,
     * {@code baselineOnly} for the baseline alone, {@code candidateOnly} for the candidate alone, of {@code trials}.
     * Newcombe's interval for paired proportions (1998, method 10): MOVER with the correlation of the pair,
     * {@code L = d − √(Δl_c² − 2φ·Δl_c·Δu_b + Δu_b²)}, {@code U = d + √(Δu_c² − 2φ·Δu_c·Δl_b + Δl_b²)}, with
     * {@code Δ} the distances of each rate's Clopper–Pearson ends from its estimate and {@code φ} the table's phi
     * coefficient (its positive part reduced by n/2, Newcombe's correction). Treating paired rates as independent
     * ({@link #ofRates}) is too wide when the models err on the same inputs and too narrow when they err on disjoint
     * ones ({@code φ < 0}): a candidate could pass on an interval narrower than its evidence.
     *
     * <pre>{@code
     * Comparison c = Comparison.ofPairedRates("confidently wrong mass", Better.LOWER, 3, 40, 12, 20_000, 0.001, 0.95);
     * }</pre>
     */
    public static Comparison ofPairedRates(String statistic, Better better, long both, long baselineOnly,
            long candidateOnly, long trials, double margin, double confidence) {
        long neither = trials - both - baselineOnly - candidateOnly;
        if (both < 0 || baselineOnly < 0 || candidateOnly < 0 || neither < 0 || trials <= 0) {
            throw new IllegalArgumentException("A paired table needs counts ≥ 0 that add up to at most the trials (> 0), "
                    + "got both " + both + ", baseline only " + baselineOnly + ", candidate only " + candidateOnly
                    + " of " + trials);
        }
        Rate b = Rate.clopperPearson(both + baselineOnly, trials, confidence);
        Rate c = Rate.clopperPearson(both + candidateOnly, trials, confidence);
        double pb = b.estimate();
        double pc = c.estimate();
        double d = pc - pb;
        double phi = phi(both, baselineOnly, candidateOnly, neither);
        double lo = d - Math.sqrt(Math.max(0, sq(pc - c.lower()) - 2 * phi * (pc - c.lower()) * (b.upper() - pb)
                + sq(b.upper() - pb)));
        double hi = d + Math.sqrt(Math.max(0, sq(c.upper() - pc) - 2 * phi * (c.upper() - pc) * (pb - b.lower())
                + sq(pb - b.lower())));
        return new Comparison(statistic, better, margin, confidence, Measure.of(b), Measure.of(c), d, lo, hi);
    }

    /** The phi coefficient of a 2×2 table, its positive part reduced by n/2 (Newcombe 1998); 0 for a degenerate table. */
    private static double phi(long a, long b, long c, long d) {
        double n = (double) a + b + c + d;
        double denominator = Math.sqrt((double) (a + b) * (c + d) * (a + c) * (b + d));
        if (!(denominator > 0)) {
            return 0;
        }
        double cross = (double) a * d - (double) b * c;
        return (cross > 0 ? Math.max(cross - n / 2, 0) : cross) / denominator;
    }

    private static double sq(double x) {
        return x * x;
    }

    /**
     * Two estimates with their own intervals (e.g. {@link Measure#averageOf} rates over classes), by MOVER as for
     * rates.
     */
    public static Comparison ofMeasures(String statistic, Better better, Measure baseline, Measure candidate, double margin,
            double confidence) {
        double pb = baseline.estimate();
        double pc = candidate.estimate();
        double d = pc - pb;
        double lo = d - Math.hypot(pc - candidate.lower(), baseline.upper() - pb);
        double hi = d + Math.hypot(candidate.upper() - pc, pb - baseline.lower());
        return new Comparison(statistic, better, margin, confidence, baseline, candidate, d, lo, hi);
    }

    /** Two means of a per-sample statistic (each with its ESS), normal interval. */
    public static Comparison ofEstimates(String statistic, Better better, Estimate baseline, Estimate candidate,
            double margin, double confidence) {
        double d = candidate.mean() - baseline.mean();
        double half = z(confidence) * Math.hypot(candidate.standardError(), baseline.standardError());
        return new Comparison(statistic, better, margin, confidence, Measure.of(baseline, confidence),
                Measure.of(candidate, confidence), d, d - half, d + half);
    }

    /** Whether the candidate is shown to be no worse than the baseline by more than the margin. */
    public boolean isNoWorse() {
        return better == Better.LOWER ? upper <= margin : lower >= -margin;
    }

    /** Whether the candidate is shown to be worse by more than the margin (the whole interval beyond it). */
    public boolean isWorse() {
        return better == Better.LOWER ? lower > margin : upper < -margin;
    }

    /**
     * For an inconclusive comparison, by how many times both sides' effective draws would have to grow for the interval
     * to show the candidate no worse, if the difference stayed as estimated: e.g. 2.3. Each side's part of the interval
     * shrinks as 1/√n, except the part of a rate that sits at 0 (or 1) on the side away from that bound, which shrinks as
     * 1/n (Clopper–Pearson's upper end at 0 of n is about 3.7/n): two models with no mistakes were advised 36.8 times
     * the draws for a margin of 0.005 where 6 times sufficed.
     * 1 when already no worse; infinity when the estimated difference itself is beyond the margin (more draws would
     * show it worse, not no worse). It is optimistic: a finite factor needs the estimate below the margin, which for
     * two equal models favours lucky estimates (a new user's reruns at the factor ended "no worse" 8 of 14 times, 35%
     * expected). With a margin of 0 an equal candidate is shown no worse only by chance (about 1 in 40), whatever
     * the budget: give the gate a margin.
     */
    public double growthToShowNoWorse() {
        if (isNoWorse()) {
            return 1;
        }
        double room = better == Better.LOWER ? margin - difference : difference + margin;
        // a difference on the margin leaves no room but its rounding (96/3200 − 0.03 = 1e-17): growth of 10³⁰ was
        // advised where none can show it no worse (a new user's)
        if (!(room > 1e-12 * Math.max(1, Math.abs(margin)))) {
            return Double.POSITIVE_INFINITY;
        }
        double half = better == Better.LOWER ? upper - difference : difference - lower;
        // the two parts of the interval's worse end: the candidate's worse side and the baseline's better side
        boolean lowerBetter = better == Better.LOWER;
        double c = lowerBetter ? candidate.upper() - candidate.estimate() : candidate.estimate() - candidate.lower();
        double b = lowerBetter ? baseline.estimate() - baseline.lower() : baseline.upper() - baseline.estimate();
        boolean cLinear = lowerBetter ? atZero(candidate) : atOne(candidate);
        boolean bLinear = lowerBetter ? atOne(baseline) : atZero(baseline);
        if (!cLinear && !bLinear || !(Math.hypot(c, b) > 0)) {
            return Math.max(1, (half / room) * (half / room));
        }
        // scale the parts as the draws grow by g (1/g at a bound, 1/√g elsewhere), and the interval's half-width with
        // them (it is their root sum of squares for rates, MOVER), and find the smallest g that fits the room
        double scale = half / Math.hypot(c, b);
        java.util.function.DoubleUnaryOperator width = g -> scale * Math.hypot(c / (cLinear ? g : Math.sqrt(g)),
                b / (bLinear ? g : Math.sqrt(g)));
        if (width.applyAsDouble(1) <= room) {
            return 1;
        }
        double lo = 1;
        double hi = 2;
        while (width.applyAsDouble(hi) > room && hi < 1e15) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < 100 && hi / lo > 1 + 1e-9; i++) {
            double mid = Math.sqrt(lo * hi);
            if (width.applyAsDouble(mid) > room) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** A rate's measure at 0 with its interval's lower end there (a mean's interval at 0 reaches below it). */
    private static boolean atZero(Measure m) {
        return m.estimate() == 0 && m.lower() == 0;
    }

    private static boolean atOne(Measure m) {
        return m.estimate() == 1 && m.upper() == 1;
    }

    /**
     * The verdict in words: "no worse", "worse", or "inconclusive"; an inconclusive interval that excludes 0 on the
     * worse side says that the candidate is worse, though not shown beyond the margin (a release reviewer read a bare
     * "inconclusive" as "not enough data" where the interval [+0.016, +0.170] showed the candidate worse).
     */
    public String verdict() {
        if (isNoWorse()) {
            return "no worse";
        }
        if (isWorse()) {
            return "worse";
        }
        boolean worseThanBaseline = better == Better.LOWER ? lower > 0 : upper < 0;
        return worseThanBaseline ? "inconclusive: worse than the baseline, but not shown beyond the margin (interval "
                + "contains the margin and excludes 0)" : "inconclusive (interval contains the margin)";
    }

    /** A key/value block for failure messages: both estimates with intervals, the difference, margin, verdict. */
    public String describe() {
        String sign = better == Better.LOWER ? "≤ +" : "≥ −";
        return String.format(Locale.ROOT, "statistic            %s (%s is better)%n"
                + "baseline             %s%ncandidate            %s%n"
                + "difference           %+.4f, %.0f%% CI [%+.4f, %+.4f] (candidate − baseline)%n"
                + "margin δ             %.4f: no worse iff the interval's %s end %s%.4f%n"
                + "verdict              %s%n", statistic, better.name().toLowerCase(Locale.ROOT), baseline, candidate,
                difference, 100 * confidence, lower, upper, margin, better == Better.LOWER ? "upper" : "lower", sign,
                margin, verdict());
    }

    static double z(double confidence) {
        checkConfidence(confidence);
        return NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + confidence / 2);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Comparison[%s: candidate − baseline = %+.4f, CI [%+.4f, %+.4f], δ = %.4f: %s]",
                statistic, difference, lower, upper, margin, verdict());
    }
}
