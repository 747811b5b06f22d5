package dev.probe.examples.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.probe.core.model.AlignedConv2d;

/**
 * A small DCGAN (Radford et al. 2016) for 28×28 digits with the VAE's 5-d latent, scaled down from
 * BAYES-PROBE Table 2 (right) to train on a shared 2-core CPU. DJL's PyTorch engine has no
 * {@code Conv2dTranspose}, so the generator upsamples (nearest neighbour, ×2) and then convolves.
 *
 * <ul>
 *   <li>{@link #generator()}: latent {@code [N, 5]} → FC 5×3136, batch-norm, ReLU, reshape 64×7×7 →
 *       upsample 14×14, conv 32 3×3, batch-norm, ReLU → upsample 28×28, conv 16 3×3, batch-norm, ReLU →
 *       conv 1 3×3, sigmoid → {@code [N, 1, 28, 28]} in [0, 1]. Batch-norm layers normalise with their
 *       running statistics outside training, so chains of a probe never couple.</li>
 *   <li>{@link #discriminator()}: {@code [N, 1, 28, 28]} → conv 32 4×4 stride 2, leaky ReLU 0.2 → conv 64
 *       4×4 stride 2, leaky ReLU → flatten (3136) → FC 1: the logit of "real".</li>
 * </ul>
 *
 * <pre>{@code
 * SequentialBlock g = Gan.generator();
 * g.initialize(manager, DataType.FLOAT32, new Shape(1, Gan.LATENT));
 * }</pre>
 */
public final class Gan {
    /** Latent dimension (as the VAE's). */
    public static final int LATENT = 5;

    private Gan() {}

    /** @return a new, uninitialised generator: {@code [N, 5]} → {@code [N, 1, 28, 28]} in [0, 1] */
    public static SequentialBlock generator() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(64 * 7 * 7).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(LambdaBlock.singleton(x -> x.reshape(-1, 64, 7, 7), "reshape"))
                .add(LambdaBlock.singleton(Gan::upsample, "upsample"))
                .add(conv(32, 3, 1))
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(LambdaBlock.singleton(Gan::upsample, "upsample"))
                .add(conv(16, 3, 1))
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(conv(1, 3, 1))
                .add(Activation::sigmoid);
    }

    /** @return a new, uninitialised discriminator: images → logit {@code [N, 1]} of "real" */
    public static SequentialBlock discriminator() {
        return new SequentialBlock()
                .add(Conv2d.builder().setFilters(32).setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1)).build())
                .add(Activation.leakyReluBlock(0.2f))
                .add(Conv2d.builder().setFilters(64).setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1)).build())
                .add(Activation.leakyReluBlock(0.2f))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(1).build());
    }

    private static Conv2d conv(int filters, int kernel, int padding) {
        return AlignedConv2d.of(Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(padding, padding)));
    }

    /** Nearest-neighbour ×2 upsampling of {@code [N, C, H, W]} (differentiable: two repeats). */
    static NDArray upsample(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }
}
