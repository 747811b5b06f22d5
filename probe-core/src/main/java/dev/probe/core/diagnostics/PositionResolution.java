package dev.probe.core.diagnostics;

import java.util.Locale;

/**
 * Whether the sampled coordinates are resolved finely enough in float32, the precision states are kept in. Near
 * {@code 1.7·10⁹} float32 numbers are 128 apart: chains on N(1.7·10⁹, 100²) took 5–7 distinct values in 8,000 draws
 * and put P(x > μ + σ) at 0.20–0.26 against 0.159, with R̂ 1.002–1.014 and nothing else noticing. The samplers call
 * {@link #require} on the states they reached (chains after warm-up, populations at their last stage): where the states'
 * spread in a coordinate is below {@value #MIN_STEPS} float32 steps at its values, they stop with an error that names
 * the remedy: centre and scale the coordinates (e.g. seconds since a reference time, not since 1970).
 *
 * <p>A coordinate whose states do not spread at all (stuck chains, a coordinate no move changes) is not judged
 * here: R̂ and the move statistics see those.
 *
 * <pre>{@code
 * PositionResolution.require(new float[] {1.7e9f, 1.7e9f + 128, 1.7e9f - 128, 1.7e9f}, 4, 1, "chains"); // throws
 * }</pre>
 */
public final class PositionResolution {
    /** The fewest float32 steps per standard deviation of the states accepted (a variance error below 0.1%). */
    public static final double MIN_STEPS = 10;

    private PositionResolution() {}

    /**
     * Checks every coordinate of {@code rows} states ({@code positions}, row-major {@code [rows, d]}).
     *
     * @throws IllegalStateException naming the coordinate, its values, their spread and the float32 step, and the fix
     */
    public static void require(float[] positions, int rows, int d, String where) {
        if (rows < 2) {
            return;
        }
        for (int k = 0; k < d; k++) {
            double mean = 0;
            double largest = 0;
            float first = positions[k];
            boolean constant = true;
            for (int r = 0; r < rows; r++) {
                double v = positions[r * d + k];
                mean += v / rows;
                largest = Math.max(largest, Math.abs(v));
                constant &= positions[r * d + k] == first;
            }
            if (constant) {
                // one value in every state (an attribute the question forces): nothing to resolve; the rounding of
                // the mean gave a constant 2 a spread of 2e-15 and stopped a procedural probe of a forced category
                continue;
            }
            double sq = 0;
            for (int r = 0; r < rows; r++) {
                double v = positions[r * d + k] - mean;
                sq += v * v;
            }
            double sd = Math.sqrt(sq / (rows - 1));
            double step = Math.ulp((float) largest);
            if (sd > 0 && Double.isFinite(sd) && sd < MIN_STEPS * step) {
                throw new IllegalStateException(String.format(Locale.ROOT, "Coordinate %d of the %s is about %.6g and "
                        + "spreads over only %.3g, where float32 (the precision of the sampler's states) resolves only "
                        + "steps of %s: the states sit on a handful of values and the samples would be wrong. Centre and "
                        + "scale the coordinate so that its values are not far larger than its spread (e.g. subtract a "
                        + "reference value, measure in larger units).", k, where, mean, sd, step));
            }
        }
    }
}
