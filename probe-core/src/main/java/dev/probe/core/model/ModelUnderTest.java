package dev.probe.core.model;

import ai.djl.ndarray.NDArray;

/**
 * A trained model whose behaviour a query asks about: a {@link Classifier} (outputs are class
 * probabilities) or a {@link Regressor} (outputs are predictions). Results record {@link #outputs} of
 * every model of a query for every kept sample.
 *
 * <pre>{@code
 * ModelUnderTest m = Classifier.fromLogits(DjlBlockFunction.of(model, new Shape(2)));
 * double[][] y = m.outputs(new double[][] {{0.5, 1.0}});
 * }</pre>
 */
public interface ModelUnderTest {

    /** A short name for messages and results. */
    String name();

    /** Features of one flat input row. */
    int inputDimension();

    /** Values of one output row (classes, or regression targets). */
    int outputDimension();

    /** Outputs {@code [C, outputDimension]} as a tensor in {@code x}'s manager (differentiable if the model is). */
    NDArray output(NDArray x);

    /** Validated outputs without gradients: finite, and for classifiers probabilities on the simplex. */
    double[][] outputs(double[][] inputs);

    /** Whether {@link #output} is differentiable with respect to {@code x}. */
    boolean isDifferentiable();
}
