package dev.probe.core.diagnostics;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether an energy's values are resolved finely enough in float32, the engine's precision, for acceptance
 * decisions to be right. A Metropolis–Hastings step accepts with {@code exp(−ΔU)}; float32 keeps about 7 digits, so
 * an energy whose values at the samples are around {@code 10⁸} is rounded to steps of 8 and its samples come out
 * wrong without any other diagnostic noticing ({@code |x|²/2 + 10⁸} gave twice a Gaussian's variance). The samplers
 * call {@link #require} on the states they reached (after warm-up, and at every population stage), and stop with an
 * error that names the remedy: subtract a constant, which does not change the distribution.
 *
 * <p>Values that are not all exactly representable in float32 (an energy computed in float64) are not checked.
 *
 * <pre>{@code
 * double step = EnergyResolution.step(new double[] {1e8, 1e8 + 8});   // 8.0
 * EnergyResolution.require(new double[] {0.3, 2.5}, "chains");          // passes
 * }</pre>
 */
public final class EnergyResolution {
    /** The largest float32 rounding step at the samples' energies that is accepted (|U| below 2²⁰ ≈ 10⁶). */
    public static final double MAX_STEP = 0.1;

    private EnergyResolution() {}

    /**
     * The float32 rounding step at the median |value| of the finite {@code values}, or 0 when they are not all
     * exactly float32 numbers (computed in higher precision) or none is finite.
     */
    public static double step(double[] values) {
        double median = float32Median(values);
        return Double.isNaN(median) ? 0 : Math.ulp((float) median);
    }

    /** The median |value| of the finite {@code values}, or NaN if none is finite or one is not a float32 number. */
    private static double float32Median(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).map(Math::abs).sorted().toArray();
        for (double v : finite) {
            if ((double) (float) v != v) {
                return Double.NaN;
            }
        }
        return finite.length == 0 ? Double.NaN : finite[finite.length / 2];
    }

    /**
     * Checks that the energies {@code values} of the states {@code where} names are resolved in float32.
     *
     * @throws IllegalStateException if their rounding step exceeds {@link #MAX_STEP}, naming the values, the step
     *     and the fix
     */
    public static void require(double[] values, String where) {
        double step = step(values);
        if (step > MAX_STEP) {
            throw new IllegalStateException(String.format(Locale.ROOT, "The energy's values at the %s are about %.3g, "
                    + "where float32 (the engine's precision) resolves only steps of %s: the energy differences that "
                    + "decide acceptance are rounded away and the samples would be wrong. Subtract a constant from the "
                    + "energy (near its smallest value; a constant does not change the distribution), or rescale it "
                    + "so that its values at the samples stay below about 1e6.", where, float32Median(values), step));
        }
    }

    /**
     * Checks a tempered population's energies {@code prior + β·question} ({@link #require}): the question's values
     * count with their rounding step scaled by {@code β}, since they are rounded before the tempering scales them.
     */
    public static void require(double[] prior, double[] question, double beta, String where) {
        if (beta * step(question) > MAX_STEP) {
            require(question, where + " (the question's values)");
        }
        require(prior, where + " (the prior's values)");
    }
}
