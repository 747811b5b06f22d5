package dev.probe.junit.annotations;

import dev.probe.junit.extension.ProbeConfiguration;
import java.util.Locale;

/**
 * Rejects a tolerance at which every sample would attain the target: a probe whose target distance is bounded
 * (distances between probability vectors) by {@code largest} learns nothing from a tolerance of at least that.
 *
 * <pre>{@code
 * Tolerances.check("@ProbeHighConfidence", config, 1, "1 − p_c");
 * }</pre>
 */
final class Tolerances {
    private Tolerances() {}

    /**
     * @param largest the largest target distance any input can have
     * @param distance what the target distance is, for the message
     */
    static void check(String probe, ProbeConfiguration c, double largest, String distance) {
        double t = c.tolerance();
        if (t >= largest) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s tolerance = %s (from %s) lets every sample "
                    + "attain the target: its target distance (%s) is at most %s for any input. Set tolerance below %s "
                    + "(built-in 0.1).", probe, t, c.source("tolerance"), distance, largest, largest));
        }
    }

    /** The largest ∞-norm distance from any probability vector to {@code target}: 1 − its smallest entry. */
    static double largestFrom(double[] target) {
        double min = 1;
        for (double v : target) {
            min = Math.min(min, v);
        }
        return 1 - min;
    }
}
