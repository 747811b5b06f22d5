package dev.probe.core.render;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Principal component analysis of a point cloud: the covariance's eigenvectors, largest variance
 * first, each signed so its largest-magnitude entry is positive (so plots do not flip between runs).
 */
final class PrincipalComponents {
    private final double[] mean;
    private final double[][] components;
    private final double[] variances;

    private PrincipalComponents(double[] mean, double[][] components, double[] variances) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    /** Fits to the rows of all blocks together; needs at least two rows. */
    static PrincipalComponents fit(double[][]... blocks) {
        double[][] rows = Arrays.stream(blocks).flatMap(Arrays::stream).toArray(double[][]::new);
        Require.that(rows.length >= 2, "PCA needs at least 2 points, got " + rows.length);
        int d = rows[0].length;
        double[] mean = new double[d];
        for (double[] row : rows) {
            for (int k = 0; k < d; k++) {
                mean[k] += row[k] / rows.length;
            }
        }
        double[][] covariance = new double[d][d];
        for (double[] row : rows) {
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    covariance[a][b] += (row[a] - mean[a]) * (row[b] - mean[b]) / rows.length;
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                covariance[a][b] = covariance[b][a];
            }
        }
        double[][] vectors = new double[d][d];
        double[] values = jacobi(covariance, vectors);
        Integer[] order = IntStream.range(0, d).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -values[i]));
        double[][] components = new double[d][];
        double[] variances = new double[d];
        for (int j = 0; j < d; j++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = vectors[i][order[j]];
            }
            components[j] = signed(v);
            variances[j] = Math.max(0.0, values[order[j]]);
        }
        return new PrincipalComponents(mean, components, variances);
    }

    /**
     * Eigenvalues of the symmetric matrix {@code a} (overwritten) by cyclic Jacobi rotations; the eigenvectors go
     * into the columns of {@code v}. Converges quadratically; plots need a handful of coordinates' worth.
     */
    private static double[] jacobi(double[][] a, double[][] v) {
        int d = a.length;
        for (int i = 0; i < d; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double scale = 0;
            for (int p = 0; p < d; p++) {
                scale += a[p][p] * a[p][p];
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-30 * Math.max(scale, Double.MIN_NORMAL)) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = a[i][i];
        }
        return values;
    }

    /** Coordinates of {@code x} along the first {@code k} components. */
    double[] project(double[] x, int k) {
        double[] out = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += (x[i] - mean[i]) * components[j][i];
            }
            out[j] = s;
        }
        return out;
    }

    /** Fraction of the total variance along component {@code j} (0-based). */
    double explained(int j) {
        double total = Arrays.stream(variances).sum();
        return total == 0 ? 0 : variances[j] / total;
    }

    /** Component {@code j} (0-based), unit length. */
    double[] component(int j) {
        return components[j].clone();
    }

    private static double[] signed(double[] v) {
        int big = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[big])) {
                big = i;
            }
        }
        if (v[big] < 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = -v[i];
            }
        }
        return v;
    }
}
