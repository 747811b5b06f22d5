package dev.probe.core.sampler;

import java.util.Arrays;

/**
 * Per-coordinate bounds {@code lower[k] <= x[k] <= upper[k]} of a sampled distribution; infinite
 * bounds mean unbounded. Kernels reject proposals outside the box, so the chain targets the
 * distribution restricted to the box exactly (no clipping after the fact).
 *
 * <pre>{@code
 * Box unit = Box.of(new double[] {0, 0}, new double[] {1, 1});
 * boolean in = unit.contains(new double[] {0.5, 0.2});
 * }</pre>
 */
public final class Box {
    private final double[] lower;
    private final double[] upper;

    private Box(double[] lower, double[] upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /** The box {@code [lower, upper]}; each lower bound must be below its upper bound. */
    public static Box of(double[] lower, double[] upper) {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("Box bounds have different lengths: lower has " + lower.length
                    + " coordinates, upper has " + upper.length + ". Give one bound per coordinate.");
        }
        for (int k = 0; k < lower.length; k++) {
            if (Double.isNaN(lower[k]) || Double.isNaN(upper[k])) {
                throw new IllegalArgumentException("Box bound at coordinate " + k + " is NaN (lower " + lower[k]
                        + ", upper " + upper[k] + "). Give every coordinate numbers as bounds (infinite for none).");
            }
            if (!(lower[k] < upper[k])) {
                throw new IllegalArgumentException("Empty box at coordinate " + k + ": lower " + lower[k]
                        + " is not below upper " + upper[k] + ". Make every lower bound strictly smaller than its upper bound.");
            }
        }
        return new Box(lower.clone(), upper.clone());
    }

    /** The unbounded box in {@code d} dimensions. */
    public static Box unbounded(int d) {
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        return new Box(lo, hi);
    }

    /** Number of coordinates. */
    public int dimension() {
        return lower.length;
    }

    /** Whether every coordinate is unbounded. */
    public boolean isUnbounded() {
        for (int k = 0; k < lower.length; k++) {
            if (lower[k] != Double.NEGATIVE_INFINITY || upper[k] != Double.POSITIVE_INFINITY) {
                return false;
            }
        }
        return true;
    }

    public double lower(int k) {
        return lower[k];
    }

    public double upper(int k) {
        return upper[k];
    }

    /** A copy of the lower bounds. */
    public double[] lower() {
        return lower.clone();
    }

    /** A copy of the upper bounds. */
    public double[] upper() {
        return upper.clone();
    }

    /** Whether {@code x} lies in the (closed) box. */
    public boolean contains(double[] x) {
        for (int k = 0; k < lower.length; k++) {
            if (!(x[k] >= lower[k] && x[k] <= upper[k])) {
                return false;
            }
        }
        return true;
    }

    /** Whether row {@code row} of the row-major {@code [C, d]} array {@code x} lies in the box. */
    public boolean containsRow(float[] x, int row) {
        int d = lower.length;
        for (int k = 0; k < d; k++) {
            float v = x[row * d + k];
            if (!(v >= lower[k] && v <= upper[k])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Box" + Arrays.toString(lower) + ".." + Arrays.toString(upper);
    }
}
