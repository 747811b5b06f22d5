package dev.probe.core.result;

/**
 * The Monte-Carlo estimate of the mean of a per-sample statistic, with its own effective sample size
 * (from {@code ProbeResult.estimate}: the smaller of the statistic's bulk ESS and the ESS of its mean) and Monte-Carlo
 * standard error {@code sd/√ESS}. Tolerances of
 * tests come from here rather than from guesses.
 *
 * <pre>{@code
 * Estimate e = result.estimate(s -> s.outputs()[0][1]);
 * assertThat(Math.abs(e.mean() - 0.5)).isLessThan(4 * e.standardError());
 * }</pre>
 *
 * @param mean sample mean
 * @param sd sample standard deviation
 * @param ess effective sample size of the statistic's mean (falls back to the number of chains if undefined)
 */
public record Estimate(double mean, double sd, double ess) {

    /** Monte-Carlo standard error {@code sd/√ESS} of the mean. */
    public double standardError() {
        return sd / Math.sqrt(ess);
    }

    /** Monte-Carlo standard error of the variance estimate, {@code sd²·√(2/ESS)} (Gaussian approximation). */
    public double varianceStandardError() {
        return sd * sd * Math.sqrt(2 / ess);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.5g ± %.2g (sd %.4g, ESS %.0f)", mean, standardError(), sd, ess);
    }
}
