package dev.probe.core.population;

/**
 * Host-side maps between a population's coordinates {@code x} and its whitened coordinates {@code y}, with
 * {@code x = μ + L·y} for the population's weighted mean {@code μ} and Cholesky factor {@code L} of its weighted
 * covariance (or a diagonal {@code L}); rows of population {@code i} are {@code offset[i]..offset[i+1]−1}
 * (package plumbing of {@link Rejuvenation}).
 */
final class Whitening {
    private Whitening() {}

    /** {@code L = diag(√variance)}. */
    static double[][] diagonal(double[] variance) {
        double[][] l = new double[variance.length][variance.length];
        for (int k = 0; k < variance.length; k++) {
            l[k][k] = Math.sqrt(variance[k]);
        }
        return l;
    }

    /** The frame of each row when population {@code i} owns rows {@code offset[i]..offset[i+1]−1}: {@code i}. */
    static int[] groups(int[] offset) {
        int[] group = new int[offset[offset.length - 1]];
        for (int i = 0; i + 1 < offset.length; i++) {
            java.util.Arrays.fill(group, offset[i], offset[i + 1], i);
        }
        return group;
    }

    /** {@code y = L⁻¹(x − μ)} per row. */
    static float[] whiten(float[] x, int[] group, double[][] means, double[][][] factors, int d) {
        float[] y = new float[x.length];
        double[] b = new double[d];
        for (int r = 0; r < group.length; r++) {
            int i = group[r];
            for (int k = 0; k < d; k++) {
                b[k] = x[r * d + k] - means[i][k];
            }
            double[] v = Cholesky.solveLower(factors[i], b);
            for (int k = 0; k < d; k++) {
                y[r * d + k] = (float) v[k];
            }
        }
        return y;
    }

    /** {@code x = μ + L·y} per row. */
    static float[] unwhiten(float[] y, int[] group, double[][] means, double[][][] factors, int d) {
        float[] x = new float[y.length];
        for (int r = 0; r < group.length; r++) {
            int i = group[r];
            double[][] l = factors[i];
            for (int a = 0; a < d; a++) {
                double s = means[i][a];
                for (int b = 0; b <= a; b++) {
                    s += l[a][b] * y[r * d + b];
                }
                x[r * d + a] = (float) s;
            }
        }
        return x;
    }

    /** {@code ∇_y = Lᵀ∇_x} per row (as row vectors, {@code g·L}). */
    static float[] gradient(float[] g, int[] group, double[][][] factors, int d) {
        float[] out = new float[g.length];
        for (int r = 0; r < group.length; r++) {
            double[][] l = factors[group[r]];
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (int a = b; a < d; a++) {
                    s += g[r * d + a] * l[a][b];
                }
                out[r * d + b] = (float) s;
            }
        }
        return out;
    }
}
