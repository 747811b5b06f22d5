package dev.probe.core.adaptation;

/**
 * Running per-coordinate variance of warm-up positions pooled over chains (Welford), regularised
 * toward a small multiple of the identity as in Stan: {@code (n/(n+5))·var + 1e-3·(5/(n+5))}. The
 * result is the diagonal inverse metric for {@link dev.probe.core.sampler.Hmc}.
 *
 * <pre>{@code
 * DiagonalMetricEstimator est = new DiagonalMetricEstimator(d);
 * est.add(positions, chains);
 * double[] inverseMetric = est.inverseMetric();
 * }</pre>
 */
public final class DiagonalMetricEstimator {
    private final int dimension;
    private final double[] mean;
    private final double[] m2;
    private long n;

    public DiagonalMetricEstimator(int dimension) {
        this.dimension = dimension;
        this.mean = new double[dimension];
        this.m2 = new double[dimension];
    }

    /** Adds every chain's position (row-major {@code chains × d}). */
    public void add(float[] positions, int chains) {
        for (int c = 0; c < chains; c++) {
            n++;
            for (int k = 0; k < dimension; k++) {
                double x = positions[c * dimension + k];
                double delta = x - mean[k];
                mean[k] += delta / n;
                m2[k] += delta * (x - mean[k]);
            }
        }
    }

    /** Number of positions added. */
    public long count() {
        return n;
    }

    /** The regularised variance estimate; ones if fewer than 3 positions were added. */
    public double[] inverseMetric() {
        double[] out = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            if (n < 3) {
                out[k] = 1;
                continue;
            }
            double var = m2[k] / (n - 1);
            out[k] = (n / (n + 5.0)) * var + 1e-3 * (5.0 / (n + 5.0));
        }
        return out;
    }
}
