package dev.probe.core.model;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * A DJL block built in Java (its {@link Model} with initialised or loaded parameters). Flat rows are
 * reshaped to {@code sampleShape} (e.g. {@code (1, 28, 28)}); parameters are frozen, so autograd gives
 * gradients with respect to the input only. The block runs with {@code training = false} (dropout off;
 * batch-norm uses its running statistics, so rows stay independent).
 *
 * <pre>{@code
 * Model model = Model.newInstance("mlp");
 * model.setBlock(mlp);                       // trained or loaded
 * TensorFunction f = DjlBlockFunction.of(model, new Shape(2));
 * Classifier c = Classifier.fromLogits(f);
 * }</pre>
 */
public final class DjlBlockFunction extends BlockFunction {

    private DjlBlockFunction(Model model, Shape sampleShape) {
        super(model.getName(), model, sampleShape, false);
    }

    private DjlBlockFunction(String name, Model owner, Block block, Shape sampleShape) {
        super(name, owner, block, sampleShape, false);
    }

    /** The model's block on flat rows reshaped to {@code sampleShape}. */
    public static DjlBlockFunction of(Model model, Shape sampleShape) {
        return new DjlBlockFunction(model, sampleShape);
    }

    /**
     * A sub-block of {@code owner} (e.g. the decoder of a VAE), on flat rows reshaped to
     * {@code sampleShape}; {@code owner} is kept reachable so its parameters stay alive.
     */
    public static DjlBlockFunction of(String name, Model owner, Block block, Shape sampleShape) {
        return new DjlBlockFunction(name, owner, block, sampleShape);
    }

    @Override
    public String toString() {
        return "DjlBlock[" + name() + ": " + sampleShape() + " -> " + outputDimension() + "]";
    }
}
