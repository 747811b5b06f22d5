package dev.probe.examples.models;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * A bundled DJL model with its weights loaded. Holds the {@link Model} strongly (DJL closes a model
 * whose object becomes unreachable, even while its block is in use), so keep this object for as
 * long as you use {@link #block()}, and close it when done.
 *
 * <pre>{@code
 * try (LoadedModel cnn = BundledModels.load(BundledModel.MNIST_CNN)) {
 *     NDArray logits = cnn.forward(images);           // [N, 10], inference mode
 * }
 * try (LoadedModel vae = BundledModels.load(BundledModel.MNIST_VAE)) {
 *     NDArray x = vae.decode(z);                       // z [N, 5] → [N, 1, 28, 28] in [0, 1]
 * }
 * }</pre>
 */
public final class LoadedModel implements AutoCloseable {
    private final BundledModel spec;
    private final Model model;
    private final ParameterStore parameterStore;

    LoadedModel(BundledModel spec, Model model) {
        this.spec = spec;
        this.model = model;
        this.parameterStore = new ParameterStore(model.getNDManager(), false);
    }

    /** @return the catalogue entry */
    public BundledModel spec() {
        return spec;
    }

    /** @return the DJL model (owner of the parameters) */
    public Model model() {
        return model;
    }

    /** @return the whole block (for a VAE, the training block; use {@link #decoder()}) */
    public Block block() {
        return model.getBlock();
    }

    /** @return a parameter store for calling blocks directly ({@code block.forward(ps, x, false)}) */
    public ParameterStore parameterStore() {
        return parameterStore;
    }

    /**
     * Runs the model in inference mode (dropout off). Gradients flow if the input requires them
     * and a gradient collector is open.
     *
     * @param input classifiers: images {@code [N,1,28,28]} in [0,1] or features {@code [N,d]};
     *     VAEs and GANs: a latent batch {@code [N,5]} (same as {@link #decode})
     * @return classifiers: logits {@code [N,K]}; VAEs and GANs: images {@code [N,1,28,28]} in [0,1]
     */
    public NDArray forward(NDArray input) {
        if (spec.kind() == BundledModel.Kind.VAE || spec.kind() == BundledModel.Kind.GAN) {
            return decode(input);
        }
        return block().forward(parameterStore, new NDList(input), false).singletonOrThrow();
    }

    /** @return the VAE (VAE models only) */
    public Vae vae() {
        if (!(block() instanceof Vae)) {
            throw new IllegalStateException(spec.id() + " is not a VAE");
        }
        return (Vae) block();
    }

    /**
     * @return the VAE decoder block, or a GAN's generator: {@code [N,5]} → {@code [N,1,28,28]} in [0,1]
     */
    public Block decoder() {
        return spec.kind() == BundledModel.Kind.GAN ? block() : vae().decoder();
    }

    /** @return the VAE encoder block: {@code [N,1,28,28]} → {@code (mean [N,5], logVariance [N,5])} */
    public Block encoder() {
        return vae().encoder();
    }

    /**
     * @param z latent batch {@code [N, 5]}
     * @return decoded images {@code [N, 1, 28, 28]} in [0, 1]
     */
    public NDArray decode(NDArray z) {
        return decoder().forward(parameterStore, new NDList(z), false).singletonOrThrow();
    }

    /**
     * @param images {@code [N, 1, 28, 28]} in [0, 1]
     * @return the posterior means {@code [N, 5]}
     */
    public NDArray encodeMean(NDArray images) {
        return encoder().forward(parameterStore, new NDList(images), false).get(0);
    }

    @Override
    public void close() {
        model.close();
    }
}
