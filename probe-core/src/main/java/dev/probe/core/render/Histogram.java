package dev.probe.core.render;

/**
 * Equal-width bins over a shared range, counted as the fraction of finite values per bin, so two
 * samples of different sizes can be overlaid. Non-finite values are left out.
 */
final class Histogram {
    private final double low;
    private final double high;
    private final int bins;

    /** A range that spans every finite value of both columns (widened by ±0.5 if they are all equal). */
    static Histogram spanning(double[] a, double[] b, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] column : new double[][] {a, b}) {
            for (double v : column) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new Histogram(0, 1, bins);
        }
        return lo == hi ? new Histogram(lo - 0.5, hi + 0.5, bins) : new Histogram(lo, hi, bins);
    }

    Histogram(double low, double high, int bins) {
        this.low = low;
        this.high = high;
        this.bins = bins;
    }

    double low() {
        return low;
    }

    double high() {
        return high;
    }

    /** Fraction of the finite values in each bin (the last bin includes the upper edge). */
    double[] fractions(double[] values) {
        double[] f = new double[bins];
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v) && v >= low && v <= high) {
                int b = Math.min(bins - 1, (int) ((v - low) / (high - low) * bins));
                f[b]++;
                n++;
            }
        }
        for (int b = 0; n > 0 && b < bins; b++) {
            f[b] /= n;
        }
        return f;
    }

    /** The outline of {@code fractions} as a closed step curve with non-decreasing x: x then y coordinates. */
    double[][] outline(double[] fractions) {
        double[] x = new double[2 * bins + 2];
        double[] y = new double[2 * bins + 2];
        for (int b = 0; b < bins; b++) {
            x[2 * b + 1] = edge(b);
            x[2 * b + 2] = edge(b + 1);
            y[2 * b + 1] = fractions[b];
            y[2 * b + 2] = fractions[b];
        }
        x[0] = low;
        x[2 * bins + 1] = high;
        return new double[][] {x, y};
    }

    private double edge(int b) {
        return b == bins ? high : low + (high - low) * b / bins;
    }
}
