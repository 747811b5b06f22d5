package dev.probe.examples.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageCnn} runs its second ReLU after the max-pool; that is the paper's network (ReLU, then max-pool)
 * bitwise: the same logits and the same input gradients, with the bundled MNIST weights loaded into both.
 */
class ImageCnnTest {

    /** The paper's order (BAYES-PROBE Table 3, left): conv, ReLU, conv, ReLU, max-pool, … */
    static Block paperOrder(int classes) {
        return new SequentialBlock()
                .add(Conv2d.builder().setFilters(32).setKernelShape(new Shape(3, 3)).build())
                .add(Activation::relu)
                .add(Conv2d.builder().setFilters(64).setKernelShape(new Shape(3, 3)).build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Dropout.builder().optRate(0.25f).build())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(0.5f).build())
                .add(Linear.builder().setUnits(classes).build());
    }

    @Test
    void poolingBeforeTheReluIsThePapersNetworkBitwise() {
        try (LoadedModel cnn = BundledModels.load(BundledModel.MNIST_CNN); NDManager m = NDManager.newBaseManager()) {
            Block paper = paperOrder(10);
            paper.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, ImageCnn.INPUT_SHAPE);
            List<Parameter> from = cnn.block().getParameters().values();
            List<Parameter> to = paper.getParameters().values();
            assertThat(to).hasSameSizeAs(from);
            for (int i = 0; i < from.size(); i++) {
                to.get(i).getArray().set(from.get(i).getArray().toFloatArray());
            }
            cnn.block().freezeParameters(true);
            paper.freezeParameters(true);
            java.util.Random random = new java.util.Random(3);
            float[] pixels = new float[32 * 784];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextFloat();
            }
            float[][] shipped = logitsAndGradient(cnn.block(), m, pixels);
            float[][] reference = logitsAndGradient(paper, m, pixels);
            assertThat(shipped[0]).as("logits").containsExactly(reference[0]);
            assertThat(shipped[1]).as("input gradients of p(3)").containsExactly(reference[1]);
            double largest = 0;
            for (float g : reference[1]) {
                largest = Math.max(largest, Math.abs(g));
            }
            assertThat(largest).as("largest input gradient (the comparison is not of zeros)").isGreaterThan(1e-6);
        }
    }

    private static float[][] logitsAndGradient(Block block, NDManager manager, float[] pixels) {
        try (NDManager scope = manager.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = scope.create(pixels, new Shape(32, 1, 28, 28));
            x.setRequiresGradient(true);
            NDArray logits = block.forward(new ParameterStore(scope, false), new NDList(x), false).singletonOrThrow();
            gc.backward(logits.softmax(1).get(":, 3").sum());
            return new float[][] {logits.toFloatArray(), x.getGradient().toFloatArray()};
        }
    }
}
