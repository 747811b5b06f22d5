package dev.probe.core.model;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Objects;

/**
 * A classifier under test: a batch of inputs to class probabilities {@code [C, L]}, normalised one way.
 * The wrapped function either outputs logits or log-probabilities ({@link #fromLogits}: probabilities are their
 * softmax) or
 * probabilities ({@link #fromProbabilities}: used as they are, and checked to lie on the simplex whenever
 * outputs are read back, before sampling and when results are built). A function declared to output
 * logits whose outputs already lie on the simplex (a softmax applied twice) fails at load time.
 *
 * <pre>{@code
 * Classifier cnn = Classifier.fromLogits(TorchScriptFunction.load(path, new Shape(1, 28, 28)));
 * Classifier forest = Classifier.fromProbabilities(BlackBoxFunction.of("rf", 13, 3, rf::predictProba));
 * }</pre>
 */
public final class Classifier implements ModelUnderTest {
    /** How the wrapped function's outputs are normalised. */
    public enum Output {
        /** Unnormalised scores; probabilities are {@code softmax(logits)}. */
        LOGITS,
        /** Already probabilities: non-negative, summing to 1. */
        PROBABILITIES
    }

    private final TensorFunction function;
    private final Output output;

    private Classifier(TensorFunction function, Output output) {
        this.function = Objects.requireNonNull(function, "function");
        this.output = Objects.requireNonNull(output, "output");
        if (function.outputDimension() < 2) {
            throw new IllegalArgumentException("Classifier '" + function.name() + "' has " + function.outputDimension()
                    + " output; a classifier needs one output per class (at least 2). A binary model's one column "
                    + "becomes two: return [0, logit] with fromLogits (softmax gives sigmoid(logit) to class 1), or [1 − p, p] "
                    + "with fromProbabilities; every classifier probe then applies. For a score that is not a class's "
                    + "(a price), use Regressor.of(...) with PredictionRisky.decision(...).");
        }
        if (function instanceof BlockFunction block && Arrays.stream(block.outputShape().getShape()).filter(n -> n != 1).count() > 1) {
            throw new IllegalArgumentException("Classifier '" + function.name() + "' returns outputs of shape " + block.outputShape()
                    + " per input, but a classifier returns one score per class: [batch, classes]. A decoder or generator "
                    + "(declare it as the @Generator or LatentSpace instead), or a model with several heads (wrap it to "
                    + "return the one head to probe, flattened), does this.");
        }
        if (!(function instanceof BlockFunction)) {
            RowCheck.rowwise(function); // DJL and TorchScript adapters check themselves when they load
        }
        if (output == Output.LOGITS) {
            double[][] outputs;
            try {
                outputs = function.evaluate(probeRows(function.inputDimension()));
            } catch (RuntimeException e) {
                // a model defined on part of the unit box (raising above x0 = 0.5) was refused here, told to bound a
                // probe's space that did not exist yet: rows it refuses are not judged, as the row check does
                outputs = null;
            }
            if (outputs != null) {
                OutputCheck.notAlreadyProbabilities(function.name(), outputs);
            }
        }
    }

    /** Three fixed inputs (all 0, all 0.5, all 1) on which a logits model's raw outputs are checked at load time. */
    private static double[][] probeRows(int features) {
        double[][] rows = new double[3][features];
        java.util.Arrays.fill(rows[1], 0.5);
        java.util.Arrays.fill(rows[2], 1.0);
        return rows;
    }

    /** A classifier whose function returns logits. */
    public static Classifier fromLogits(TensorFunction function) {
        return new Classifier(function, Output.LOGITS);
    }

    /** A classifier whose function returns probabilities. */
    public static Classifier fromProbabilities(TensorFunction function) {
        return new Classifier(function, Output.PROBABILITIES);
    }

    /** Number of classes {@code L}. */
    public int classes() {
        return function.outputDimension();
    }

    /** Class probabilities {@code [C, L]} of the batch {@code x}. */
    public NDArray probabilities(NDArray x) {
        NDArray y = function.apply(x);
        return output == Output.LOGITS ? y.softmax(1) : y;
    }

    /** Log-probabilities {@code [C, L]} (stable log-softmax for logits; log of clipped probabilities otherwise). */
    public NDArray logProbabilities(NDArray x) {
        NDArray y = function.apply(x);
        return output == Output.LOGITS ? y.logSoftmax(1) : y.clip(1e-30, 1.0).log();
    }

    /** Class index {@code i} checked against the number of classes, with a message naming the query. */
    public int checkClass(int i, String role) {
        if (i < 0 || i >= classes()) {
            throw new IllegalArgumentException(role + " class " + i + " is out of range: classifier '" + name() + "' has "
                    + classes() + " classes, 0.." + (classes() - 1) + ". Use a class index in that range.");
        }
        return i;
    }

    @Override
    public NDArray output(NDArray x) {
        return probabilities(x);
    }

    @Override
    public double[][] outputs(double[][] inputs) {
        double[][] y = function.evaluate(inputs);
        if (output == Output.LOGITS) {
            OutputCheck.finite(name(), inputs, y);
            OutputCheck.notAlreadyProbabilities(name(), y);
            for (double[] row : y) {
                softmaxInPlace(row);
            }
        } else {
            OutputCheck.probabilities(name(), inputs, y);
        }
        return y;
    }

    private static void softmaxInPlace(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < row.length; k++) {
            row[k] = Math.exp(row[k] - max);
            sum += row[k];
        }
        for (int k = 0; k < row.length; k++) {
            row[k] /= sum;
        }
    }

    @Override
    public String name() {
        return function.name();
    }

    @Override
    public int inputDimension() {
        return function.inputDimension();
    }

    @Override
    public int outputDimension() {
        return classes();
    }

    @Override
    public boolean isDifferentiable() {
        return function.isDifferentiable();
    }

    /** The wrapped function. */
    public TensorFunction function() {
        return function;
    }

    /** How the function's outputs are normalised. */
    public Output declaredOutput() {
        return output;
    }

    @Override
    public String toString() {
        return "Classifier[" + name() + ", " + classes() + " classes from " + output.name().toLowerCase() + "]";
    }
}
