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

    /**
     * The shape of one input row before it was flattened, where the function knows it: a DJL block's and a TorchScript
     * file's sample shape, a black box's {@link BlackBoxFunction#withSampleShape}; empty for other functions. Probe
     * checks with it that a decoder's images reach a model in the model's layout.
     */
    default java.util.Optional<ai.djl.ndarray.types.Shape> knownInputShape() {
        return java.util.Optional.empty();
    }

    /** The shape of one output row before it was flattened, where the function knows it (a DJL block's, a TorchScript file's). */
    default java.util.Optional<ai.djl.ndarray.types.Shape> knownOutputShape() {
        return java.util.Optional.empty();
    }

    /**
     * This function followed by an elementwise {@code step} (a rescale, a normalisation), which keeps the number of
     * values and the shapes this function knows, so Probe still checks the layout between a decoder and a model (a
     * user's own wrapper knows no shape, and a new user's channels-first decoder, wrapped to rescale, reached a
     * channels-last classifier scrambled without a word). The step runs inside Probe's gradients where this function
     * is differentiable; {@code x.add(1).div(2)} is safe there (README, "Replayable gradients").
     *
     * <pre>{@code
     * TensorFunction decoder = TorchScriptFunction.load(Path.of("tanh-decoder.pt"), new Shape(8));
     * TensorFunction pixels = decoder.andThen("to [0, 1]", x -> x.add(1).div(2));   // a tanh generator's (x + 1) / 2
     * SampleSpace space = LatentSpace.standardNormal(pixels);
     * }</pre>
     *
     * @param name what the step does, for the function's name ({@code "decoder, to [0, 1]"})
     * @param step an elementwise function of the {@code [C, outputDimension]} outputs, returning the same shape
     */
    default TensorFunction andThen(String name, java.util.function.UnaryOperator<ai.djl.ndarray.NDArray> step) {
        TensorFunction first = this;
        String named = first.name() + ", " + name;
        return new TensorFunction() {
            @Override
            public String name() {
                return named;
            }

            @Override
            public int inputDimension() {
                return first.inputDimension();
            }

            @Override
            public int outputDimension() {
                return first.outputDimension();
            }

            @Override
            public NDArray apply(NDArray x) {
                NDArray y = first.apply(x);
                NDArray out = step.apply(y);
                if (!out.getShape().equals(y.getShape())) {
                    throw new IllegalArgumentException("The step '" + name + "' after " + first.name() + " turned outputs "
                            + "of shape " + y.getShape() + " into " + out.getShape() + ": andThen takes an elementwise "
                            + "step that keeps the shape. Write a TensorFunction of your own for a step that changes it.");
                }
                return out;
            }

            @Override
            public boolean isDifferentiable() {
                return first.isDifferentiable();
            }

            @Override
            public java.util.Optional<ai.djl.ndarray.types.Shape> knownInputShape() {
                return first.knownInputShape();
            }

            @Override
            public java.util.Optional<ai.djl.ndarray.types.Shape> knownOutputShape() {
                return first.knownOutputShape();
            }

            @Override
            public String toString() {
                return named;
            }
        };
    }
}
