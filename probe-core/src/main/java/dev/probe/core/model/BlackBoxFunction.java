package dev.probe.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A model given as a plain Java function {@code double[][] -> double[][]} (rows in, rows out): tree
 * ensembles, XGBoost4J boosters, ONNX Runtime sessions, simulators. Not differentiable: probe it with
 * {@link dev.probe.core.sampler.SmoothedMala} or {@link dev.probe.core.sampler.RandomWalkMetropolis}
 * (the default kernel choice does this automatically).
 *
 * <pre>{@code
 * TensorFunction forest = BlackBoxFunction.of("forest", 13, 3, rows -> rf.predictProba(rows));
 * Classifier classifier = Classifier.fromProbabilities(forest);
 * // an image model (an ONNX session over 28×28 pixels, flattened row by row): the report draws its inputs as images
 * TensorFunction cnn = BlackBoxFunction.of("onnx-cnn", 784, 10, rows -> session.run(rows)).withSampleShape(1, 28, 28);
 * }</pre>
 */
public final class BlackBoxFunction implements TensorFunction {
    private final String name;
    private final int inputDimension;
    private final int outputDimension;
    private final UnaryOperator<double[][]> function;
    private final Shape sampleShape;

    private BlackBoxFunction(String name, int inputDimension, int outputDimension, UnaryOperator<double[][]> function) {
        this(name, inputDimension, outputDimension, function, new Shape(inputDimension));
    }

    private BlackBoxFunction(String name, int inputDimension, int outputDimension, UnaryOperator<double[][]> function,
            Shape sampleShape) {
        if (inputDimension < 1 || outputDimension < 1) {
            throw new IllegalArgumentException("Black-box model '" + name + "' needs at least one input and one output, got "
                    + inputDimension + " inputs and " + outputDimension + " outputs.");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.inputDimension = inputDimension;
        this.outputDimension = outputDimension;
        this.function = Objects.requireNonNull(function, "function");
        this.sampleShape = sampleShape;
    }

    /**
     * This model with the shape one input row has before it was flattened, e.g. {@code (1, 28, 28)}: rows stay flat (in
     * row-major order); the shape only tells reports that an input is an image ({@code (H, W)}, or {@code (C, H, W)}
     * with C = 1 or 3, sides of at least 8), so they draw image grids of the samples and the missed draws as they do for
     * {@code TorchScriptFunction} and {@code DjlBlockFunction}.
     */
    public BlackBoxFunction withSampleShape(long... dimensions) {
        Shape s = new Shape(dimensions);
        if (dimensions.length == 0 || s.size() != inputDimension || java.util.Arrays.stream(dimensions).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("Black-box model '" + name + "' has " + inputDimension + " inputs, but the "
                    + "sample shape " + java.util.Arrays.toString(dimensions) + " holds " + s.size() + ". Give positive "
                    + "dimensions whose product is " + inputDimension + ", e.g. (1, H, W) for an image of H·W pixels.");
        }
        return new BlackBoxFunction(name, inputDimension, outputDimension, function, s);
    }

    /** The shape of one input row before it was flattened: {@code (inputDimension)} unless {@link #withSampleShape} set one. */
    public Shape sampleShape() {
        return sampleShape;
    }

    @Override
    public java.util.Optional<Shape> knownInputShape() {
        return java.util.Optional.of(sampleShape());
    }

    /** A black-box model mapping rows of {@code inputDimension} features to rows of {@code outputDimension} values. */
    public static BlackBoxFunction of(String name, int inputDimension, int outputDimension,
            UnaryOperator<double[][]> function) {
        return new BlackBoxFunction(name, inputDimension, outputDimension, function);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputDimension() {
        return inputDimension;
    }

    @Override
    public int outputDimension() {
        return outputDimension;
    }

    @Override
    public NDArray apply(NDArray x) {
        float[] flat = x.toType(DataType.FLOAT32, false).toFloatArray();
        int rows = flat.length / inputDimension;
        double[][] in = new double[rows][inputDimension];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < inputDimension; k++) {
                in[r][k] = flat[r * inputDimension + k];
            }
        }
        double[][] y = evaluate(in);
        float[] out = new float[rows * outputDimension];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < outputDimension; k++) {
                out[r * outputDimension + k] = (float) y[r][k];
            }
        }
        return x.getManager().create(out, new Shape(rows, outputDimension));
    }

    @Override
    public double[][] evaluate(double[][] rows) {
        double[][] y;
        try {
            y = function.apply(rows);
        } catch (RuntimeException e) {
            // a user's function failed deep in a sampler's batch: say which model, on what row, and where to look
            int culprit = throwingRow(rows);
            throw new IllegalStateException("Black-box model '" + name + "' threw " + e + " on a batch of " + rows.length
                    + " input rows" + (culprit >= 0 ? " (on its own, it throws on row " + culprit + ", "
                            + OutputCheck.row(rows[culprit]) + ")"
                            : rows.length > 0 ? " (no row throws on its own; the first " + OutputCheck.row(rows[0]) + ")" : "")
                    + ". The cause below is the model function's own exception: fix the function, or bound the probe's "
                    + "space to inputs it accepts.", e);
        }
        if (y == null || y.length != rows.length) {
            throw new IllegalStateException("Black-box model '" + name + "' returned " + (y == null ? "null" : y.length + " rows")
                    + " for " + rows.length + " input rows. Return one output row per input row.");
        }
        for (int r = 0; r < y.length; r++) {
            if (y[r] == null || y[r].length != outputDimension) {
                throw new IllegalStateException("Black-box model '" + name + "' returned a row of "
                        + (y[r] == null ? "null" : y[r].length + " values") + " but declared " + outputDimension
                        + " outputs. Declare the number of outputs the function really returns.");
            }
        }
        return y;
    }

    /**
     * The first row on which the function throws when called with that row alone, or −1 (none does: the failure
     * depends on the batch). Only on the failure path, so the cost of one call per row does not matter.
     */
    private int throwingRow(double[][] rows) {
        for (int r = 0; r < rows.length; r++) {
            try {
                function.apply(new double[][] {rows[r]});
            } catch (RuntimeException e) {
                return r;
            }
        }
        return -1;
    }

    @Override
    public boolean isDifferentiable() {
        return false;
    }

    @Override
    public String toString() {
        return "BlackBox[" + name + ": " + inputDimension + " -> " + outputDimension + "]";
    }
}
