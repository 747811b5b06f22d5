package dev.probe.examples.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import dev.probe.core.model.AlignedConv2d;

/**
 * The domain-adaptation classifier of BAYES-PROBE (Table 3 right, LeNet as in the ADDA code): conv 20
 * 5×5, ReLU, max-pool 2, conv 50 5×5, ReLU, max-pool 2, flatten (800), FC 500, ReLU, FC 10. Built as two
 * parts, as ADDA splits it, so that domain adaptation can align the 500 features: child 0 is the
 * {@link #features feature extractor} (up to FC 500 and ReLU), child 1 the {@link #labelHead label
 * predictor} (FC 10).
 * Input {@code [N, 1, 28, 28]} in [0, 1]; output logits {@code [N, 10]}. 431,080 parameters.
 *
 * <pre>{@code
 * SequentialBlock lenet = LeNet.create(10);
 * SequentialBlock features = LeNet.features(lenet);      // [N,1,28,28] -> [N,500]
 * }</pre>
 */
public final class LeNet {
    /** Width of the feature vector (after FC 500 and ReLU), where domain adaptation aligns the domains. */
    public static final int FEATURES = 500;

    private LeNet() {}

    /**
     * @param numClasses number of output logits
     * @return a new, uninitialised block: {@code SequentialBlock(features, labelHead)}
     */
    public static SequentialBlock create(int numClasses) {
        SequentialBlock features = new SequentialBlock()
                .add(AlignedConv2d.of(Conv2d.builder().setFilters(20).setKernelShape(new Shape(5, 5))))
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(AlignedConv2d.of(Conv2d.builder().setFilters(50).setKernelShape(new Shape(5, 5))))
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(FEATURES).build())
                .add(Activation::relu);
        SequentialBlock head = new SequentialBlock()
                .add(Linear.builder().setUnits(numClasses).build());
        return new SequentialBlock().add(features).add(head);
    }

    /** @return the feature extractor of a block made by {@link #create} */
    public static SequentialBlock features(SequentialBlock lenet) {
        return (SequentialBlock) lenet.getChildren().get(0).getValue();
    }

    /** @return the label predictor of a block made by {@link #create} */
    public static SequentialBlock labelHead(SequentialBlock lenet) {
        return (SequentialBlock) lenet.getChildren().get(1).getValue();
    }
}
