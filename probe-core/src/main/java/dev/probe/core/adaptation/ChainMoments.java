package dev.probe.core.adaptation;

/**
 * Running mean and standard deviation of every chain's positions over a window (Welford), the input of
 * {@link ChainGroups}.
 *
 * <pre>{@code
 * ChainMoments m = new ChainMoments(chains, d);
 * m.add(positions);                 // row-major chains × d, once per iteration
 * ChainGroups groups = m.groups();
 * }</pre>
 */
public final class ChainMoments {
    private final int chains;
    private final int dimension;
    private final double[][] mean;
    private final double[][] m2;
    private long n;

    public ChainMoments(int chains, int dimension) {
        this.chains = chains;
        this.dimension = dimension;
        this.mean = new double[chains][dimension];
        this.m2 = new double[chains][dimension];
    }

    /** Adds one iteration's positions (row-major {@code chains × d}). */
    public void add(float[] positions) {
        n++;
        for (int c = 0; c < chains; c++) {
            for (int k = 0; k < dimension; k++) {
                double x = positions[c * dimension + k];
                double delta = x - mean[c][k];
                mean[c][k] += delta / n;
                m2[c][k] += delta * (x - mean[c][k]);
            }
        }
    }

    /** The chains' groups; a single group when fewer than 4 iterations were added. */
    public ChainGroups groups() {
        if (n < 4) {
            return ChainGroups.single(chains);
        }
        double[][] sd = new double[chains][dimension];
        for (int c = 0; c < chains; c++) {
            for (int k = 0; k < dimension; k++) {
                sd[c][k] = Math.sqrt(m2[c][k] / (n - 1));
            }
        }
        return ChainGroups.of(mean, sd);
    }
}
