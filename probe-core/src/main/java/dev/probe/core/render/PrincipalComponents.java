package dev.probe.core.render;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;

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
        RealMatrix covariance = new Covariance(rows, false).getCovarianceMatrix();
        EigenDecomposition eigen = new EigenDecomposition(covariance);
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = IntStream.range(0, d).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -values[i]));
        double[][] components = new double[d][];
        double[] variances = new double[d];
        for (int j = 0; j < d; j++) {
            components[j] = signed(eigen.getEigenvector(order[j]).toArray());
            variances[j] = Math.max(0.0, values[order[j]]);
        }
        double[] mean = new double[d];
        for (double[] row : rows) {
            for (int k = 0; k < d; k++) {
                mean[k] += row[k] / rows.length;
            }
        }
        return new PrincipalComponents(mean, components, variances);
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
