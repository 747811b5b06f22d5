package dev.probe.examples.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.probe.examples.scenes.SceneQuestion;
import dev.probe.examples.scenes.SceneRenderer;

/**
 * The scene model: a CNN answering the counting questions of {@link SceneQuestion} about a 40×40 RGB
 * scene, one output head of 7 answers (counts 0..6) per question — like CLEVR's model, a classifier over
 * answers. Conv 16 3×3, ReLU, max-pool 2 → conv 32 3×3, ReLU, max-pool 2 → conv 64 3×3, ReLU, max-pool 2
 * (padding 1: 40 → 20 → 10 → 5) → flatten (1600) → FC 256, ReLU → FC 5·7 logits. 442,435 parameters.
 * {@link #question} gives one question's head as a block of its own (logits {@code [N, 7]}), the form a
 * probe's classifier takes.
 *
 * <pre>{@code
 * Block blueSpheres = SceneCounter.question(counter.block(), SceneQuestion.BLUE_SPHERES);
 * }</pre>
 */
public final class SceneCounter {
    /** Input shape of one scene, with a batch of 1. */
    public static final Shape INPUT_SHAPE = new Shape(1, 3, SceneRenderer.SIDE, SceneRenderer.SIDE);

    private SceneCounter() {}

    /** @return a new, uninitialised block: scenes {@code [N, 3, 40, 40]} → logits {@code [N, 35]} */
    public static Block create() {
        return new SequentialBlock()
                .add(conv(16)).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(conv(32)).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(conv(64)).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(256).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits((long) SceneQuestion.values().length * SceneQuestion.ANSWERS).build());
    }

    /**
     * @param counter a trained block made by {@link #create}
     * @param q the question
     * @return a block with the logits of {@code q}'s answers, {@code [N, 7]} (shares the counter's weights)
     */
    public static Block question(Block counter, SceneQuestion q) {
        return new Head(counter, q);
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build();
    }

    /** One question's slice of the counter's logits. */
    private static final class Head extends AbstractBlock {
        private final Block counter;
        private final int from;

        Head(Block counter, SceneQuestion q) {
            this.counter = addChildBlock("counter", counter);
            this.from = q.ordinal() * SceneQuestion.ANSWERS;
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
            return new NDList(counter.forward(ps, inputs, training, p).singletonOrThrow()
                    .get(":, " + from + ":" + (from + SceneQuestion.ANSWERS)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), SceneQuestion.ANSWERS)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            counter.initialize(manager, dataType, inputShapes);
        }
    }
}
