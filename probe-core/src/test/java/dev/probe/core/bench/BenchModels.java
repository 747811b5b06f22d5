package dev.probe.core.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.util.function.Function;

/**
 * The benchmark's networks, randomly initialised with a fixed seed and frozen: a decoder
 * {@code g: 5 → 400 (ReLU) → 784 (sigmoid) → [N,1,28,28]} and the MNIST CNN {@code f} of paper 000,
 * Table 3 (left): conv 32 3×3, ReLU, conv 64 3×3, ReLU, max-pool 2×2, dropout 0.25, flatten (9216),
 * FC 128, ReLU, dropout 0.5, FC 10 (softmax applied in the energy). Forward passes use
 * {@code training=false}, so dropout is the identity.
 */
final class BenchModels implements AutoCloseable {
    static final int LATENT = 5;
    static final double SIGMA = 0.05;

    private final NDManager manager;
    private final SequentialBlock decoder;
    private final SequentialBlock classifier;
    private final ParameterStore parameters;
    private final int target;

    BenchModels(int seed, int targetClass) {
        Engine.getInstance().setRandomSeed(seed);
        manager = NDManager.newBaseManager();
        decoder = new SequentialBlock()
                .add(Linear.builder().setUnits(400).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(784).build())
                .add(Activation.sigmoidBlock())
                .add(new LambdaBlock(l -> new NDList(l.singletonOrThrow().reshape(-1, 1, 28, 28)), "reshape"));
        classifier = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(1, 1)).setFilters(32).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(1, 1)).setFilters(64).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Dropout.builder().optRate(0.25f).build())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.5f).build())
                .add(Linear.builder().setUnits(10).build());
        decoder.initialize(manager, DataType.FLOAT32, new Shape(1, LATENT));
        classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
        decoder.freezeParameters(true);
        classifier.freezeParameters(true);
        parameters = new ParameterStore(manager, false);
        target = targetClass;
    }

    /** {@code U(z) = |z|²/2 + (softmax(f(g(z)))_c − 1)² / (2σ²)} for a {@code [N, 5]} batch, as {@code [N]}. */
    Function<NDArray, NDArray> energy() {
        double scale = 1.0 / (2 * SIGMA * SIGMA);
        return z -> {
            NDArray image = decoder.forward(parameters, new NDList(z), false).singletonOrThrow();
            NDArray logits = classifier.forward(parameters, new NDList(image), false).singletonOrThrow();
            NDArray p = logits.softmax(1).get(":, " + target);
            return z.square().sum(new int[] {1}).div(2).add(p.sub(1).square().mul(scale));
        };
    }

    String describe() {
        return "decoder params " + count(decoder) + ", CNN params " + count(classifier) + ", class c=" + target;
    }

    private static long count(SequentialBlock b) {
        return b.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Override
    public void close() {
        manager.close();
    }
}
