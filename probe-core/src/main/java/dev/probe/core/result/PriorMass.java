package dev.probe.core.result;

import java.util.Locale;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * How rare the question's answers are under the space's prior: the log normalising constant
 * {@code log Z = log E_prior[exp(−G(x))]} of the relaxed level set, i.e. the prior mass of the soft set
 * {@code exp(−G)} (README, "Population sampling"), estimated by a population sampler from
 * {@code populations} independent runs. {@code logMassSd} is the standard error of {@code logMass} (the
 * between-population standard deviation over √populations, floored by the variance ideal mixing would give:
 * see {@code PopulationRun.logPriorMassStandardError()}), {@code NaN} with a single population.
 *
 * <p>Bounds ({@link #logUpperBound}, {@link #logLowerBound}) are the ends of a two-sided interval of the given
 * confidence from Student's t with {@code populations − 1} degrees of freedom: the standard error comes from a few
 * populations' spread (3 degrees of freedom at the usual 4), so normal quantiles would make a "95%" bound hold less
 * often: with 4 populations the estimate plus 1.96 standard errors fell below the truth in 5.0% and 3.0% of 200 runs
 * of two closed-form level sets (not 2.5%; Student's t alone would give 7%, the standard error's floor narrows it),
 * the t bound in 0% and 0.5% (README, known blind spots). On a uniform box whose mass piles into a corner the
 * estimate runs about a tenth of a nat low and the t bound held the truth in 56 of 60 runs only (mass 10⁻⁸; README,
 * known blind spots): bound such masses by independent draws where they are large enough.
 *
 * <pre>{@code
 * result.priorMass().ifPresent(m -> System.out.println(m)); // "log Z = -8.01 ± 0.12 (about 1 in 3,000, 4 populations)"
 * double upper = result.priorMass().orElseThrow().logUpperBound(0.95); // log Z + 3.18 SE at 4 populations
 * }</pre>
 *
 * @param logMass estimated {@code log Z}
 * @param logMassSd standard error of {@code logMass}
 * @param populations number of independent populations the estimate combines
 */
public record PriorMass(double logMass, double logMassSd, int populations) {

    public PriorMass {
        if (populations < 1) {
            throw new IllegalArgumentException("A prior mass is estimated from at least one population, got " + populations);
        }
        if (logMassSd < 0) {
            throw new IllegalArgumentException("A standard error is ≥ 0 (NaN: unknown), got " + logMassSd);
        }
    }

    /**
     * The upper end of the two-sided {@code confidence} interval of {@code log Z}: {@code logMass + t·logMassSd} with
     * {@code t} Student's quantile at {@code (1 + confidence)/2} and {@code populations − 1} degrees of freedom
     * (3.18 at 4 populations and 95%, 2.13 at 16). {@code NaN} without an error bar (one population).
     *
     * <p>A bound only for populations that converged and attained the target ({@code Evidence.isMetBy(result)}, as the
     * JUnit extension's {@code hasPriorMassAtMost} requires): populations that never reached the set, or missed part
     * of it, all read low, and their spread does not show it (a new user's 4 populations with no draw in the target
     * gave an upper bound of log Z −80.2 for a true −66.75). {@link ProbeResult#logPriorMassUpperBound} gives it only
     * where it is one.
     *
     * @param confidence in (0, 1), e.g. 0.95
     */
    public double logUpperBound(double confidence) {
        return logMass + quantile(confidence) * logMassSd;
    }

    /** The lower end of the interval of {@link #logUpperBound}: {@code logMass − t·logMassSd}. */
    public double logLowerBound(double confidence) {
        return logMass - quantile(confidence) * logMassSd;
    }

    private double quantile(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("A confidence lies strictly between 0 and 1, got " + confidence);
        }
        if (populations < 2 || !Double.isFinite(logMassSd)) {
            return Double.NaN;
        }
        return TDistribution.of(populations - 1).inverseCumulativeProbability(0.5 + confidence / 2);
    }

    /** {@code Z} itself (may underflow to 0 for very rare sets; prefer {@link #logMass()}). */
    public double mass() {
        return Math.exp(logMass);
    }

    /**
     * "about 1 in N" with N = 1/Z rounded to two significant digits, written out up to a trillion
     * ("about 1 in 3,000") and in powers of ten beyond ("about 1 in 7.2 × 10^86"); a percentage for sets above a
     * tenth of the prior ("about 73% of the prior").
     */
    public String rarity() {
        double log10 = -logMass / Math.log(10);
        if (Double.isNaN(log10)) {
            return "unknown rarity";
        }
        if (log10 == Double.POSITIVE_INFINITY) {
            return "no prior mass found";
        }
        if (log10 < 1) { // "about 1 in 1" was said of a mass of 0.73
            return String.format(Locale.ROOT, "about %.0f%% of the prior", 100 * Math.min(1, Math.exp(logMass)));
        }
        int exponent = (int) Math.floor(log10);
        double mantissa = Math.pow(10, log10 - exponent);
        if (Math.round(mantissa * 10) >= 100) { // 9.96 rounds to 10.0
            mantissa = 1;
            exponent++;
        }
        if (exponent < 12) {
            double magnitude = Math.pow(10, Math.max(0, exponent - 1));
            return String.format(Locale.ROOT, "about 1 in %,.0f", Math.round(Math.pow(10, log10) / magnitude) * magnitude);
        }
        return String.format(Locale.ROOT, "about 1 in %.1f × 10^%d", mantissa, exponent);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "log Z = %.3f ± %.3f (%s, %d populations%s)", logMass, logMassSd, rarity(),
                populations, wideRange());
    }

    /**
     * When the populations disagree by a standard error of a nat or more, the 95% interval in words (its upper end at
     * most the whole prior): "± 2.17" alone read as precise on a tiny leaf whose interval spans 1 in 10⁷ to 1 in 20.
     */
    private String wideRange() {
        if (populations < 2 || !(logMassSd >= 1) || Double.isInfinite(logMassSd)) {
            return "";
        }
        String lo = new PriorMass(logLowerBound(0.95), 0, populations).rarity().replace("about ", "");
        String hi = new PriorMass(Math.min(0, logUpperBound(0.95)), 0, populations).rarity().replace("about ", "");
        // a new user's populations that never reached the target read "95% between 1 in 3.0 × 10^81 and 1 in 6.8 × 10^34"
        // of a mass of about 1 in 10^29: populations that miss part of the set all read low, and no spread shows that
        return "; the populations disagree: 95% between " + lo + " and " + hi + " if each saw the whole set, while "
                + "populations that missed part of it read low, so check convergence and attainment before reading the "
                + "upper end as a bound";
    }
}
