package dev.probe.core.result;

import java.util.Locale;

/**
 * How rare the question's answers are under the space's prior: the log normalising constant
 * {@code log Z = log E_prior[exp(−G(x))]} of the relaxed level set, i.e. the prior mass of the soft set
 * {@code exp(−G)} (see {@code /shared/SMC-NOTES.md} §4), estimated by a population sampler from
 * {@code populations} independent runs. {@code logMassSd} is the standard error of {@code logMass} (the
 * between-population standard deviation over √populations, floored by the variance ideal mixing would give:
 * see {@code PopulationRun.logPriorMassStandardError()}), {@code NaN} with a single population.
 *
 * <pre>{@code
 * result.priorMass().ifPresent(m -> System.out.println(m)); // "log Z = -8.01 ± 0.12 (about 1 in 3,000)"
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
        return String.format(Locale.ROOT, "log Z = %.3f ± %.3f (%s, %d populations)", logMass, logMassSd, rarity(),
                populations);
    }
}
