package dev.probe.core.result;

/** Sample mean and covariance of rows (package plumbing). */
final class Moments {
    private Moments() {}

    static double[] mean(double[][] rows) {
        int d = rows[0].length;
        double[] m = new double[d];
        for (double[] r : rows) {
            for (int k = 0; k < d; k++) {
                m[k] += r[k];
            }
        }
        for (int k = 0; k < d; k++) {
            m[k] /= rows.length;
        }
        return m;
    }

    static double[][] covariance(double[][] rows) {
        double[] m = mean(rows);
        int d = m.length;
        double[][] c = new double[d][d];
        for (double[] r : rows) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    c[a][b] += (r[a] - m[a]) * (r[b] - m[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                c[a][b] /= rows.length - 1;
            }
        }
        return c;
    }
}
