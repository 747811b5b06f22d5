package dev.probe.core.result;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * A rate {@code successes / trials} with an exact binomial (Clopper–Pearson) confidence interval: the
 * interval's ends are the Beta quantiles {@code B(α/2; k, n−k+1)} and {@code B(1−α/2; k+1, n−k)}
 * (Commons Statistics {@link BetaDistribution}), which is the exact inversion of the binomial test.
 *
 * <p>MCMC draws are autocorrelated, so rates from a {@link ProbeResult} use an effective number of
 * trials {@code n·ESS/N} (ESS of the indicator series; counts scaled alike). That widens the interval to
 * what the chains really support; for independent trials {@code effectiveTrials == trials}.
 *
 * <pre>{@code
 * Rate r = Rate.clopperPearson(3, 50, 0.95);
 * boolean rare = r.upper() < 0.2;
 * }</pre>
 *
 * @param successes counted successes {@code k}
 * @param trials counted trials {@code n}
 * @param effectiveTrials trials the interval is based on ({@code ≤ n})
 * @param lower lower end of the interval
 * @param upper upper end of the interval
 * @param confidence two-sided confidence level, e.g. 0.95
 */
public record Rate(long successes, long trials, double effectiveTrials, double lower, double upper, double confidence) {

    /** The exact interval for {@code k} successes in {@code n} independent trials. */
    public static Rate clopperPearson(long k, long n, double confidence) {
        return withEffectiveTrials(k, n, n, confidence);
    }

    /** The exact interval computed on {@code nEff} trials with the same success fraction. */
    public static Rate withEffectiveTrials(long k, long n, double nEff, double confidence) {
        if (n < 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("Need 0 <= successes <= trials, got " + k + " of " + n);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("Confidence must lie in (0, 1), got " + confidence);
        }
        if (n == 0) {
            return new Rate(0, 0, 0, 0, 1, confidence);
        }
        double m = Math.max(1, Math.min(n, nEff));
        double s = k * m / n;
        double alpha = 1 - confidence;
        double lo = k == 0 ? 0 : BetaDistribution.of(s, m - s + 1).inverseCumulativeProbability(alpha / 2);
        double hi = k == n ? 1 : BetaDistribution.of(s + 1, m - s).inverseCumulativeProbability(1 - alpha / 2);
        return new Rate(k, n, m, lo, hi, confidence);
    }

    /**
     * Rates of independent runs pooled into one (e.g. the high-confidence misclassification rates of every
     * class, for an aggregate): successes, trials and effective trials add up; the interval is recomputed
     * on the summed effective trials. All rates need one confidence level.
     *
     * @param rates rates of independent runs (at least one)
     * @return the pooled rate
     */
    public static Rate pooled(java.util.List<Rate> rates) {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("Pooling needs at least one rate.");
        }
        double confidence = rates.get(0).confidence();
        long k = 0;
        long n = 0;
        double nEff = 0;
        for (Rate r : rates) {
            if (r.confidence() != confidence) {
                throw new IllegalArgumentException("Pooled rates need one confidence level, got " + confidence + " and "
                        + r.confidence());
            }
            k += r.successes();
            n += r.trials();
            nEff += r.effectiveTrials();
        }
        return withEffectiveTrials(k, n, nEff, confidence);
    }

    /** The observed fraction {@code k / n} ({@code NaN} without trials). */
    public double estimate() {
        return trials == 0 ? Double.NaN : successes / (double) trials;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d/%d = %s, %.0f%% CI [%s, %s] (n_eff %.1f)", successes, trials,
                shown(estimate()), 100 * confidence, shown(lower), shown(upper), effectiveTrials);
    }

    /**
     * Four decimals, or three significant digits below 0.01: a rare set's 3/400,000 read "0.0000 [0.0000, 0.0000]", and
     * 1201/1,000,000 "0.0012 [0.0011, 0.0013]", too coarse to hold against a truth of 0.00116.
     */
    private static String shown(double v) {
        return String.format(java.util.Locale.ROOT, v > 0 && v < 1e-2 ? "%.3g" : "%.4f", v);
    }
}
