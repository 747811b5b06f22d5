package dev.probe.core.population;

/** The Cholesky factor of a small symmetric positive-definite matrix, and triangular solves (package plumbing). */
final class Cholesky {
    private Cholesky() {}

    /** Lower-triangular {@code L} with {@code L·Lᵀ = a}, or {@code null} if {@code a} is not positive definite. */
    static double[][] lower(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** {@code y} with {@code L·y = b} (forward substitution). */
    static double[] solveLower(double[][] l, double[] b) {
        int d = b.length;
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        return y;
    }
}
