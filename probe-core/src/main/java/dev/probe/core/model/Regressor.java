package dev.probe.core.model;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * A regressor (or a binary decision function such as an SVM margin or a logistic score) under test:
 * a batch of inputs to predictions {@code [C, k]}.
 *
 * <pre>{@code
 * Regressor price = Regressor.of(DjlBlockFunction.of(model, new Shape(8)));
 * double[][] y = price.outputs(new double[][] {{...}});
 * }</pre>
 */
public final class Regressor implements ModelUnderTest {
    private final TensorFunction function;

    private Regressor(TensorFunction function) {
        this.function = Objects.requireNonNull(function, "function");
        if (!(function instanceof BlockFunction)) {
            RowCheck.rowwise(function); // DJL and TorchScript adapters check themselves when they load
        }
    }

    /** A regressor from any tensor function. */
    public static Regressor of(TensorFunction function) {
        return new Regressor(function);
    }

    /** Predictions {@code [C, k]} of the batch {@code x}. */
    public NDArray predict(NDArray x) {
        return function.apply(x);
    }

    @Override
    public NDArray output(NDArray x) {
        return predict(x);
    }

    @Override
    public double[][] outputs(double[][] inputs) {
        double[][] y = function.evaluate(inputs);
        OutputCheck.finite(name(), inputs, y);
        return y;
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
        return function.outputDimension();
    }

    @Override
    public boolean isDifferentiable() {
        return function.isDifferentiable();
    }

    /** The wrapped function. */
    public TensorFunction function() {
        return function;
    }

    @Override
    public String toString() {
        return "Regressor[" + name() + ", " + outputDimension() + " outputs]";
    }
}
