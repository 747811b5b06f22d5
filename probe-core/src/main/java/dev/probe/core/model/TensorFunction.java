package dev.probe.core.model;

import ai.djl.ndarray.NDArray;

/**
 * A batched function of flat inputs, the common shape of every model under test and every decoder:
 * {@code [C, inputDimension] -> [C, outputDimension]}, one row per sample, rows independent.
 *
 * <p>Adapters: {@link DjlBlockFunction} (a DJL block built in Java), {@link TorchScriptFunction} (a
 * {@code .pt} file) and {@link BlackBoxFunction} (plain Java, e.g. a tree ensemble). Results are created
 * in the manager of {@code x}. {@link #isDifferentiable()} says whether DJL autograd can differentiate
 * {@link #apply} with respect to {@code x}; gradients are only ever taken through
 * {@link dev.probe.core.autograd.Autograd}.
 *
 * <pre>{@code
 * TensorFunction f = BlackBoxFunction.of("forest", 4, 3, rows -> forest.predictProba(rows));
 * double[][] p = f.evaluate(new double[][] {{0, 1, 2, 3}});
 * }</pre>
 */
public interface TensorFunction {

    /** A short name for messages and results. */
    String name();

    /** Number of features of one flat input row. */
    int inputDimension();

    /** Number of values of one output row. */
    int outputDimension();

    /** The outputs {@code [C, outputDimension]} of the {@code [C, inputDimension]} batch {@code x}. */
    NDArray apply(NDArray x);

    /** Whether {@link #apply} is differentiable with respect to its input through DJL autograd. */
    boolean isDifferentiable();

    /** Evaluates rows without gradients; returns {@code [rows][outputDimension]}. */
    default double[][] evaluate(double[][] rows) {
        return Batches.evaluate(this, rows);
    }
}
