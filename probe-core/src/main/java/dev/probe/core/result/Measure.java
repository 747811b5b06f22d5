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
