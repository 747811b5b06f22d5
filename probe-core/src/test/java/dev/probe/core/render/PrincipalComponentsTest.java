package dev.probe.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrincipalComponentsTest {
    private static final double[] U = unit(new double[] {1, 2, 0, -1, 3});
    private static final double[] V = orthogonalTo(U, new double[] {0, 1, 1, 1, 0});
    private static final double[] OFFSET = {5, -2, 1, 0, 7};

    /** Points {@code offset + 3a·u + b·v} with a, b standard normal: a 2-D plane in 5-D. */
    private static double[][] plane(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][5];
        for (double[] row : x) {
            double a = 3 * random.nextGaussian();
            double b = random.nextGaussian();
            for (int j = 0; j < 5; j++) {
                row[j] = OFFSET[j] + a * U[j] + b * V[j];
            }
        }
        return x;
    }

    @Test
    void pointsOnAPlaneAreExplainedByTwoComponents() {
        PrincipalComponents pca = PrincipalComponents.fit(plane(400, 1), plane(100, 2));

        assertThat(pca.explained(0) + pca.explained(1)).isCloseTo(1.0, within(1e-9));
        assertThat(pca.explained(0)).isCloseTo(0.9, within(0.05));   // variances 9 : 1
        assertThat(Math.abs(dot(pca.component(0), U))).isCloseTo(1.0, within(1e-2));
        assertThat(Math.abs(dot(pca.component(1), V))).isCloseTo(1.0, within(1e-2));
    }

    @Test
    void projectionKeepsDistancesWithinThePlane() {
        double[][] x = plane(300, 3);
        PrincipalComponents pca = PrincipalComponents.fit(x);

        for (int i = 1; i < 50; i++) {
            double[] p = pca.project(x[i], 2);
            double[] q = pca.project(x[0], 2);
            assertThat(Math.hypot(p[0] - q[0], p[1] - q[1])).isCloseTo(distance(x[i], x[0]), within(1e-9));
        }
    }

    @Test
    void signsAreFixedSoPlotsDoNotFlip() {
        PrincipalComponents pca = PrincipalComponents.fit(plane(200, 4));
        for (int j = 0; j < 2; j++) {
            double[] c = pca.component(j);
            double biggest = 0;
            for (double v : c) {
                biggest = Math.abs(v) > Math.abs(biggest) ? v : biggest;
            }
            assertThat(biggest).isPositive();
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(dot(v, v));
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / n;
        }
        return out;
    }

    private static double[] orthogonalTo(double[] u, double[] v) {
        double d = dot(u, v);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] - d * u[i];
        }
        return unit(out);
    }

    @Test
    void rotatedAxesAreRecoveredWithTheirVariances() {
        double r = Math.sqrt(0.5);
        double[][] axes = {{3, 0, 0}, {-3, 0, 0}, {0, 2, 0}, {0, -2, 0}, {0, 0, 1}, {0, 0, -1}};
        double[][] rotated = new double[axes.length][];
        for (int i = 0; i < axes.length; i++) {   // 45° in the x-y plane
            double[] a = axes[i];
            rotated[i] = new double[] {r * a[0] - r * a[1], r * a[0] + r * a[1], a[2]};
        }

        PrincipalComponents pca = PrincipalComponents.fit(rotated);

        assertThat(pca.explained(0)).isCloseTo(3.0 / (14.0 / 3), within(1e-12));
        assertThat(pca.explained(2)).isCloseTo((1.0 / 3) / (14.0 / 3), within(1e-12));
        assertThat(pca.component(0)).containsExactly(new double[] {r, r, 0}, within(1e-12));
        double[] second = pca.component(1);   // (−r, r, 0) up to sign: its entries tie in magnitude
        assertThat(Math.abs(-r * second[0] + r * second[1])).isCloseTo(1.0, within(1e-12));
        assertThat(pca.component(2)).containsExactly(new double[] {0, 0, 1}, within(1e-12));
    }
}
