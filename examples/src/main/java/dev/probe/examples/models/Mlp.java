package dev.probe.examples.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;

/**
 * The image MLP of "Generating Samples to Probe Trained Models" (appendix B.2): flatten 784,
 * FC 1024, ReLU, dropout 0.2, FC 128, ReLU, dropout 0.2, FC K. Input {@code [N, 1, 28, 28]} in
 * [0, 1]; output logits {@code [N, K]}. Used to contrast with {@link ImageCnn}.
 *
 * <pre>{@code
 * Block mlp = Mlp.create(10);
 * }</pre>
 */
public final class Mlp {
    /** Input shape of one image, with a batch of 1. */
    public static final Shape INPUT_SHAPE = new Shape(1, 1, 28, 28);

    private Mlp() {}

    /**
     * @param numClasses number of output logits
     * @return a new, uninitialised block
     */
    public static Block create(int numClasses) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(1024).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(0.2f).build())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(0.2f).build())
                .add(Linear.builder().setUnits(numClasses).build());
    }
}
