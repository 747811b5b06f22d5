package dev.probe.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.Autograd;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.TensorFunction;
import dev.probe.core.autograd.ValueAndGradient;

/** Hand-computed values and finite-difference gradients of query energies, in float64. */
final class EnergyCheck {
    private EnergyCheck() {}

    /** A differentiable classifier whose input rows are its logits: p = softmax(x). */
    static Classifier softmaxOfInput(int classes) {
        return Classifier.fromLogits(new TensorFunction() {
            @Override
            public String name() {
                return "softmax";
            }

            @Override
            public int inputDimension() {
                return classes;
            }

            @Override
            public int outputDimension() {
                return classes;
            }

            @Override
            public NDArray apply(NDArray x) {
                return x.mul(1);
            }

            @Override
            public boolean isDifferentiable() {
                return true;
            }
        });
    }

    static double[] softmax(double[] z) {
        double max = java.util.Arrays.stream(z).max().orElseThrow();
        double[] p = new double[z.length];
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - max);
            s += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= s;
        }
        return p;
    }

    static double value(Query q, double[] x) {
        try (NDManager m = NDManager.newBaseManager()) {
            return q.energy(m.create(x, new Shape(1, x.length))).toDoubleArray()[0];
        }
    }

    /** Asserts energy ≈ expected and autograd gradient ≈ central finite differences. */
    static void check(Query q, double[] x, double expected) {
        assertThat(value(q, x)).as(q.describe()).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
        try (NDManager m = NDManager.newBaseManager()) {
            ValueAndGradient eg = Autograd.valueAndGradient(m.create(x, new Shape(1, x.length)), q::energy);
            double[] g = eg.gradient().toDoubleArray();
            for (int k = 0; k < x.length; k++) {
                double h = 1e-6;
                double[] up = x.clone();
                double[] down = x.clone();
                up[k] += h;
                down[k] -= h;
                double fd = (value(q, up) - value(q, down)) / (2 * h);
                assertThat(g[k]).as("%s: dU/dx%d", q.describe(), k).isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
            }
        }
    }
}
