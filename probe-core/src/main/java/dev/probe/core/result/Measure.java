package dev.probe.core.result;

import java.util.Locale;

/**
 * One side of a {@link Comparison}: a point estimate with its confidence interval and the effective sample
 * size the interval rests on (ESS of an MCMC statistic, or the number of independent draws).
 *
 * <pre>{@code
 * Measure m = Measure.of(result.misclassifiedAmongAttained("cnn", oracle, 0.1));
 * }</pre>
 *
 * @param estimate point estimate
 * @param lower lower end of the interval
 * @param upper upper end of the interval
 * @param effectiveSize effective sample size behind the interval
 * @param text how the estimate reads in messages, e.g. {@code "30/240 = 0.1250, 95% CI [...] (n_eff 8.9)"}
 */
public record Measure(double estimate, double lower, double upper, double effectiveSize, String text) {

    /** A rate with its Clopper–Pearson interval on effective trials. */
    public static Measure of(Rate r) {
        return new Measure(r.estimate(), r.lower(), r.upper(), r.effectiveTrials(), r.toString());
    }

    /**
     * The mean of independent rates with equal weights (e.g. one per class), with the MOVER interval of a sum of
     * independent estimates (Zou &amp; Donner 2008): {@code p̄ ± √Σ(p_k − l_k)²/K} below, {@code √Σ(u_k − p_k)²/K} above.
     * Unlike {@link Rate#pooled}, which adds counts, each rate weighs the same whatever number of draws it rests on, so
     * two runs of one model estimate the same number: pooled counts weighed a class by the draws its sampler happened to
     * keep (a gate between two identical models saw 0.191 against 0.228).
     *
     * @param rates rates of independent runs, one confidence level (at least one)
     */
    public static Measure averageOf(java.util.List<Rate> rates) {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("An average needs at least one rate.");
        }
        if (rates.stream().anyMatch(r -> r.trials() == 0)) {
            throw new IllegalArgumentException("Cannot average rates when one has no trials (no sample attained the "
                    + "target?). Sample longer or relax the tolerance.");
        }
        if (rates.size() == 1) {
            return of(rates.get(0));
        }
        int k = rates.size();
        double mean = 0;
        double below = 0;
        double above = 0;
        double effective = 0;
        StringBuilder parts = new StringBuilder();
        for (Rate r : rates) {
            if (r.confidence() != rates.get(0).confidence()) {
                throw new IllegalArgumentException("Averaged rates need one confidence level, got " + rates.get(0).confidence()
                        + " and " + r.confidence());
            }
            mean += r.estimate() / k;
            below += (r.estimate() - r.lower()) * (r.estimate() - r.lower());
            above += (r.upper() - r.estimate()) * (r.upper() - r.estimate());
            effective += r.effectiveTrials();
            parts.append(parts.length() == 0 ? "" : ", ").append(r.successes()).append('/').append(r.trials());
        }
        double lower = Math.max(0, mean - Math.sqrt(below) / k);
        double upper = Math.min(1, mean + Math.sqrt(above) / k);
        return new Measure(mean, lower, upper, effective, String.format(Locale.ROOT,
                "mean of %d rates (%s) = %.4f, %.0f%% CI [%.4f, %.4f] (n_eff %.1f)", k, parts, mean,
                100 * rates.get(0).confidence(), lower, upper, effective));
    }

    /** A mean with a normal interval {@code mean ± z·sd/√ESS} at two-sided {@code confidence}. */
    public static Measure of(Estimate e, double confidence) {
        double half = Comparison.z(confidence) * e.standardError();
        return new Measure(e.mean(), e.mean() - half, e.mean() + half, e.ess(), String.format(Locale.ROOT,
                "%.4f, %.0f%% CI [%.4f, %.4f] (sd %.4g, ESS %.1f)", e.mean(), 100 * confidence, e.mean() - half,
                e.mean() + half, e.sd(), e.ess()));
    }

    @Override
    public String toString() {
        return text;
    }
}
