package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Known target distributions for the sampler accuracy tests, as tensor and as black-box energies. */
public final class Targets {
    private Targets() {}

    static final double RHO = 0.8;
    static final double[] MEAN = {1, -1};

    /** Precision matrix of the correlated Gaussian (unit variances, correlation RHO). */
    private static final double A = 1 / (1 - RHO * RHO);
    private static final double B = -RHO / (1 - RHO * RHO);

    /** Correlated 2-D Gaussian with mean MEAN, unit variances and correlation RHO. */
    static Energy correlatedGaussian() {
        return Energies.differentiable(2, x -> {
            NDArray mu = x.getManager().create(new float[] {(float) MEAN[0], (float) MEAN[1]}, new Shape(1, 2));
            NDArray p = x.getManager().create(new float[] {(float) A, (float) B, (float) B, (float) A}, new Shape(2, 2));
            NDArray d = x.sub(mu);
            return d.matMul(p).mul(d).sum(new int[] {1}).div(2);
        });
    }

    static Energy correlatedGaussianBlackBox() {
        return Energies.blackBox(2, r -> {
            double d0 = r[0] - MEAN[0];
            double d1 = r[1] - MEAN[1];
            return 0.5 * (A * d0 * d0 + 2 * B * d0 * d1 + A * d1 * d1);
        });
    }

    /** Equal mixture of N((±3, 0), I). */
    static Energy bimodal() {
        return Energies.differentiable(2, x -> {
            NDArray a = x.getManager().create(new float[] {-3, 0}, new Shape(1, 2));
            NDArray b = x.getManager().create(new float[] {3, 0}, new Shape(1, 2));
            NDArray u1 = x.sub(a).square().sum(new int[] {1}).div(2);
            NDArray u2 = x.sub(b).square().sum(new int[] {1}).div(2);
            NDArray m = u1.minimum(u2);
            return m.sub(m.sub(u1).exp().add(m.sub(u2).exp()).log());
        });
    }

    /** Banana curvature: x1 | x0 ~ N(BEND (x0² − 4), 1). */
    static final double BEND = 0.25;

    /** Banana: x0 ~ N(0, 4), x1 | x0 ~ N(BEND (x0² − 4), 1); so E x1 = 0, Var x1 = 32 BEND² + 1. */
    static Energy banana() {
        return Energies.differentiable(2, x -> {
            NDArray x0 = x.get(":, 0");
            NDArray x1 = x.get(":, 1");
            NDArray r = x1.sub(x0.square().sub(4).mul(BEND));
            return x0.square().div(8).add(r.square().div(2));
        });
    }

    static double bananaResidual(double[] r) {
        return r[1] - BEND * (r[0] * r[0] - 4);
    }

    static Energy bananaBlackBox() {
        return Energies.blackBox(2, r -> {
            double res = bananaResidual(r);
            return r[0] * r[0] / 8 + res * res / 2;
        });
    }

    /** Standard normal in one dimension. */
    static Energy standardNormal(int d) {
        return Energies.differentiable(d, x -> x.square().sum(new int[] {1}).div(2));
    }

    static Energy standardNormalBlackBox(int d) {
        return Energies.blackBox(d, r -> {
            double s = 0;
            for (double v : r) {
                s += v * v;
            }
            return s / 2;
        });
    }

    /**
     * Neal's funnel in d = 10: {@code v ~ N(0, 3²)}, {@code x_i | v ~ N(0, e^v)} for nine {@code x_i}. HMC
     * (L = 8) cannot follow the neck's curvature (exact {@code P(v < −5) = 0.048}; no draw gets there), and the
     * divergences after warm-up are the signal that it is not explored.
     */
    public static Energy funnel() {
        return Energies.differentiable(10, z -> {
            NDArray v = z.get(":, 0");
            NDArray x = z.get(":, 1:");
            NDArray quadratic = x.square().sum(new int[] {1}).mul(v.neg().exp()).div(2);
            return v.square().div(18).add(v.mul(4.5)).add(quadratic);
        });
    }
}
