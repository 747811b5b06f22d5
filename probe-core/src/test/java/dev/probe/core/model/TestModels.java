package dev.probe.core.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/** Small models with known weights shared by the tests. */
public final class TestModels {
    public static final Path TORCHSCRIPT = Path.of("src/test/resources/torchscript");

    private TestModels() {}

    /** A DJL {@link Linear} block {@code y = W x + b} with the given weights ({@code W} is [out][in]). */
    public static Model linear(String name, double[][] w, double[] b) {
        int out = w.length;
        int in = w[0].length;
        Model model = Model.newInstance(name);
        Block block = Linear.builder().setUnits(out).build();
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, in));
        float[] weights = new float[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                weights[o * in + i] = (float) w[o][i];
            }
        }
        float[] bias = new float[out];
        for (int o = 0; o < out; o++) {
            bias[o] = (float) b[o];
        }
        NDArray wa = block.getParameters().get("weight").getArray();
        wa.set(FloatBuffer.wrap(weights));
        block.getParameters().get("bias").getArray().set(FloatBuffer.wrap(bias));
        model.setBlock(block);
        return model;
    }

    /** Binary logistic regression {@code p1 = sigmoid(w·x + b)} as logits {@code (0, w·x + b)}, a DJL block. */
    public static Classifier logisticRegression(String name, double[] w, double b) {
        Model model = linear(name, new double[][] {new double[w.length], w}, new double[] {0, b});
        return Classifier.fromLogits(DjlBlockFunction.of(model, new Shape(w.length)));
    }

    /** The same logistic regression as a black box returning probabilities. */
    public static Classifier logisticRegressionBlackBox(String name, double[] w, double b) {
        return Classifier.fromProbabilities(BlackBoxFunction.of(name, w.length, 2, rows -> {
            double[][] out = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                double z = b;
                for (int k = 0; k < w.length; k++) {
                    z += w[k] * rows[r][k];
                }
                double p = 1 / (1 + Math.exp(-z));
                out[r] = new double[] {1 - p, p};
            }
            return out;
        }));
    }

    /** A linear regressor {@code y = ξ·x + b} as a DJL block. */
    public static Regressor linearRegressor(String name, double[] xi, double b) {
        return Regressor.of(DjlBlockFunction.of(linear(name, new double[][] {xi}, new double[] {b}), new Shape(xi.length)));
    }
}
