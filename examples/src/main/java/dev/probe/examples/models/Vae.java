package dev.probe.examples.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The paper's VAE (BAYES-PROBE, Table 2 left) with a latent dimension of 5.
 *
 * <ul>
 *   <li>{@link #encoder()}: {@code [N, 1, 28, 28]} in [0, 1] → flatten, FC 784×400, ReLU, FC 400×10
 *       → {@code NDList(mean [N, 5], logVariance [N, 5])}. The two 400×5 heads of the paper are
 *       stored as one 400×10 layer (mean = first 5 outputs).</li>
 *   <li>{@link #decoder()}: latent {@code [N, 5]} → FC 5×400, ReLU, FC 400×784, sigmoid, reshape →
 *       {@code [N, 1, 28, 28]} in [0, 1].</li>
 * </ul>
 *
 * <p>{@code forward} (used for training) returns {@code NDList(decoderLogits [N, 784], mean,
 * logVariance)}, with {@code z = mean + exp(logVariance / 2) * eps}, eps ~ N(0, I).
 *
 * <pre>{@code
 * Vae vae = new Vae();
 * vae.initialize(manager, DataType.FLOAT32, Vae.INPUT_SHAPE);
 * NDArray images = vae.decoder().forward(ps, new NDList(z), false).singletonOrThrow();
 * }</pre>
 */
public final class Vae extends AbstractBlock {
    /** Latent dimension. */
    public static final int LATENT = 5;
    /** Hidden width. */
    public static final int HIDDEN = 400;
    /** Pixels per image (decoder logits width). */
    public static final int PIXELS = 784;
    /** Input shape of one image, with a batch of 1. */
    public static final Shape INPUT_SHAPE = new Shape(1, 1, 28, 28);

    private final SequentialBlock encoder;
    private final SequentialBlock decoderLogits;
    private final SequentialBlock decoder;

    /** Creates an uninitialised VAE. */
    public Vae() {
        SequentialBlock enc = new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(2L * LATENT).build())
                .add(list -> {
                    NDArray h = list.singletonOrThrow();
                    return new NDList(h.get(":, 0:" + LATENT), h.get(":, " + LATENT + ":"));
                });
        SequentialBlock logits = new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(PIXELS).build());
        SequentialBlock dec = new SequentialBlock()
                .add(logits)
                .add(new LambdaBlock(list -> new NDList(
                        Activation.sigmoid(list.singletonOrThrow()).reshape(-1, 1, 28, 28)),
                        "sigmoidToImage"));
        this.encoder = addChildBlock("encoder", enc);
        this.decoder = addChildBlock("decoder", dec);
        this.decoderLogits = logits;
    }

    /** @return the encoder: images {@code [N,1,28,28]} → {@code (mean [N,5], logVariance [N,5])} */
    public SequentialBlock encoder() {
        return encoder;
    }

    /** @return the decoder: latents {@code [N,5]} → images {@code [N,1,28,28]} in [0, 1] */
    public SequentialBlock decoder() {
        return decoder;
    }

    /** @return the decoder without its final sigmoid: latents {@code [N,5]} → logits {@code [N,784]} */
    public SequentialBlock decoderLogits() {
        return decoderLogits;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList stats = encoder.forward(ps, inputs, training, params);
        NDArray mean = stats.get(0);
        NDArray logVar = stats.get(1);
        NDArray eps = mean.getManager().randomNormal(mean.getShape());
        NDArray z = mean.add(logVar.mul(0.5f).exp().mul(eps));
        NDArray logits = decoderLogits.forward(ps, new NDList(z), training, params).singletonOrThrow();
        return new NDList(logits, mean, logVar);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        return new Shape[] {new Shape(n, PIXELS), new Shape(n, LATENT), new Shape(n, LATENT)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        decoder.initialize(manager, dataType, new Shape(inputShapes[0].get(0), LATENT));
    }
}
