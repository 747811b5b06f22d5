package dev.probe.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.Autograd;
import dev.probe.core.autograd.ForwardOnly;
import dev.probe.core.autograd.RowChunking;
import dev.probe.core.autograd.ValueAndGradient;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every model adapter passes: flat rows in, one output row per input row, rows independent,
 * tensor and array paths agree, outputs match a reference, and (when differentiable) autograd input
 * gradients match finite differences.
 */
class ModelContractTest {
    private static final double[] W = {2, -1};
    private static final double B = 0.5;
    private static TorchScriptFunction torchScript;
    private static TorchScriptFunction scripted;

    /** An adapter with its reference function (row -> outputs) and the absolute tolerance of the outputs. */
    record Case(TensorFunction function, java.util.function.Function<double[], double[]> reference, double tolerance) {}

    static Stream<Named<Case>> adapters() throws IOException {
        java.util.function.Function<double[], double[]> logits = x -> new double[] {0, W[0] * x[0] + W[1] * x[1] + B};
        java.util.function.Function<double[], double[]> probs = x -> {
            double p = 1 / (1 + Math.exp(-(W[0] * x[0] + W[1] * x[1] + B)));
            return new double[] {1 - p, p};
        };
        if (torchScript == null) {
            torchScript = TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("classifier.pt"), new Shape(2));
        }
        if (scripted == null) {
            // torch.jit.script of Linear -> BatchNorm1d -> ReLU -> Dropout(0.5) -> Linear, saved in eval() mode
            scripted = TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("scripted-dropout-batchnorm.pt"), new Shape(2));
        }
        return Stream.of(
                Named.of("DJL block", new Case(((Classifier) TestModels.logisticRegression("djl", W, B)).function(), logits, 1e-5)),
                Named.of("black box", new Case(TestModels.logisticRegressionBlackBox("bb", W, B).function(), probs, 1e-6)),
                Named.of("TorchScript", new Case(torchScript, reference("classifier-expected.csv"), 1e-5)),
                Named.of("TorchScript, scripted with dropout and batch-norm",
                        new Case(scripted, reference("scripted-dropout-batchnorm-expected.csv"), 1e-5)));
    }

    /** PyTorch's outputs at {@link #POINTS}, written by {@code make_fixtures.py}. */
    private static java.util.function.Function<double[], double[]> reference(String file) throws IOException {
        List<String> lines = Files.readAllLines(TestModels.TORCHSCRIPT.resolve(file));
        return x -> {
            for (String line : lines) {
                double[] v = java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
                if (v[0] == x[0] && v[1] == x[1]) {
                    return new double[] {v[2], v[3], v[4]};
                }
            }
            return null;
        };
    }

    @AfterAll
    static void close() {
        if (torchScript != null) {
            torchScript.close();
        }
        if (scripted != null) {
            scripted.close();
        }
    }

    private static final double[][] POINTS = {{0, 0}, {1, -1}, {-0.5, 2}, {3, 0.25}};

    @ParameterizedTest
    @MethodSource("adapters")
    void oneOutputRowPerInputRowMatchingTheReference(Case c) {
        double[][] y = c.function().evaluate(POINTS);
        assertThat(y).hasNumberOfRows(POINTS.length);
        for (int r = 0; r < POINTS.length; r++) {
            assertThat(y[r]).hasSize(c.function().outputDimension());
            double[] expected = c.reference().apply(POINTS[r]);
            for (int k = 0; k < expected.length; k++) {
                assertThat(y[r][k]).as("row %d output %d", r, k).isCloseTo(expected[k], within(c.tolerance()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("adapters")
    void rowsAreIndependentAndTensorPathMatchesArrays(Case c) {
        double[][] alone = c.function().evaluate(new double[][] {POINTS[1]});
        double[][] together = c.function().evaluate(POINTS);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, -1, 7, 7}, new Shape(2, 2));
            float[] tensor = c.function().apply(x).toFloatArray();
            for (int k = 0; k < alone[0].length; k++) {
                assertThat(together[1][k]).isCloseTo(alone[0][k], within(1e-6));
                assertThat((double) tensor[k]).isCloseTo(alone[0][k], within(1e-5));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("adapters")
    void forwardOnlyAndGradientPathsAlternateWithTheSameValues(Case c) {
        TensorFunction f = c.function();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, -1, -0.5f, 2, 3, 0.25f}, new Shape(3, 2));
            for (int round = 0; round < 2; round++) {
                float[] forward = ForwardOnly.apply(x, f::apply).toFloatArray();
                float[] plain = f.apply(x).toFloatArray();
                assertThat(forward).containsExactly(plain);
                if (f.isDifferentiable()) {
                    // the last output through autograd: same values as the forward-only pass
                    int k = f.outputDimension();
                    ValueAndGradient eg = Autograd.valueAndGradient(x, z -> f.apply(z).get(":, " + (k - 1)));
                    float[] v = eg.value().toFloatArray();
                    for (int r = 0; r < 3; r++) {
                        assertThat(v[r]).isEqualTo(forward[r * k + k - 1]);
                    }
                    assertThat(eg.gradient().abs().sum().getFloat()).isGreaterThan(0f);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("adapters")
    void largeBatchesInRowChunksEqualTheWholeBatch(Case c) {
        TensorFunction f = c.function();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-3, 3, new Shape(100, 2));
            float[] whole = f.apply(x).toFloatArray();
            // forward-only chunks (TorchScript: inference tensors, concatenated outside inference mode)
            float[] chunked = RowChunking.fixed(16).forward(x, f::apply).toFloatArray();
            assertThat(chunked).hasSameSizeAs(whole);
            for (int i = 0; i < whole.length; i++) {
                assertThat(chunked[i]).isCloseTo(whole[i], within(1e-5f));
            }
            if (f.isDifferentiable()) {
                ValueAndGradient vg = RowChunking.fixed(16).valueAndGradient(x, z -> f.apply(z).sum(new int[] {1}));
                assertThat(vg.gradient().getShape()).isEqualTo(new Shape(100, 2));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("adapters")
    void inputGradientsMatchFiniteDifferences(Case c) {
        TensorFunction f = c.function();
        if (!f.isDifferentiable()) {
            return;
        }
        double[] x0 = {0.3, -0.7};
        // u(x) = Σ_k (k + 1) · f_k(x), a scalar that uses every output
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {(float) x0[0], (float) x0[1]}, new Shape(1, 2));
            float[] weights = new float[f.outputDimension()];
            for (int k = 0; k < weights.length; k++) {
                weights[k] = k + 1;
            }
            ValueAndGradient eg = Autograd.valueAndGradient(x, z -> f.apply(z).mul(m.create(weights)).sum(new int[] {1}));
            float[] g = eg.gradient().toFloatArray();
            for (int i = 0; i < 2; i++) {
                final int coordinate = i;
                DoubleUnaryOperator u = h -> {
                    double[] p = x0.clone();
                    p[coordinate] += h;
                    double[] y = f.evaluate(new double[][] {p})[0];
                    double s = 0;
                    for (int k = 0; k < y.length; k++) {
                        s += (k + 1) * y[k];
                    }
                    return s;
                };
                double fd = (u.applyAsDouble(1e-2) - u.applyAsDouble(-1e-2)) / 2e-2;
                assertThat((double) g[i]).as("d/dx%d", i).isCloseTo(fd, within(2e-3));
            }
        }
    }
}
