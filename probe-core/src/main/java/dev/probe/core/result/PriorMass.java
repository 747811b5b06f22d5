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

    /** {@code Z} itself (may underflow to 0 for very rare sets; prefer {@link #logMass()}). */
    public double mass() {
        return Math.exp(logMass);
    }

    /** "about 1 in N" with N = 1/Z rounded to two significant digits. */
    public String rarity() {
        double n = Math.exp(-logMass);
        if (!Double.isFinite(n)) {
            return "rarer than 1 in 10^308";
        }
        if (n < 1.5) {
            return "about 1 in 1";
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(n)) - 1);
        return String.format(Locale.ROOT, "about 1 in %,.0f", Math.max(1, Math.round(n / magnitude)) * magnitude);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "log Z = %.3f ± %.3f (%s, %d populations)", logMass, logMassSd, rarity(),
                populations);
    }
}
