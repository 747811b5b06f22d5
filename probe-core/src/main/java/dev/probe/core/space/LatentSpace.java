package dev.probe.core.space;

import dev.probe.core.autograd.Constant;
import ai.djl.ndarray.NDArray;
import dev.probe.core.model.TensorFunction;
import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.ChainRandom;
import java.util.Objects;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;

/**
 * A latent space with a decoder {@code g} (VAE or GAN decoder, as a {@link dev.probe.core.model.DjlBlockFunction}
 * or {@link dev.probe.core.model.TorchScriptFunction}): the sampler moves {@code z}, models see
 * {@code x = g(z)}, and results keep both. The prior is standard normal ({@code −log p(z) = |z|²/2},
 * eq. 12 of BAYES-PROBE) or uniform on a bounded box.
 *
 * <pre>{@code
 * try (TorchScriptFunction decoder = TorchScriptFunction.load(Path.of("vae-decoder.pt"), new Shape(8))) {
 *     SampleSpace space = LatentSpace.standardNormal(decoder); // the space does not own the decoder: close it yourself
 *     // ... Probe.of(space, query).sample(config) ...
 * }
 * }</pre>
 */
public final class LatentSpace implements SampleSpace {
    private final TensorFunction decoder;
    private final Box bounds;
    private final boolean gaussian;

    private LatentSpace(TensorFunction decoder, Box bounds, boolean gaussian) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        if (decoder.inputDimension() < 1) {
            // a decoder loaded with new Shape(0) was accepted, then sampling divided by zero (a new user's)
            throw new IllegalArgumentException("Decoder '" + decoder.name() + "' takes " + decoder.inputDimension()
                    + " latent coordinates: a latent space needs at least one. Load the decoder with the shape of one "
                    + "latent vector without the batch axis, e.g. new Shape(5) for a 5-d latent.");
        }
        if (bounds.dimension() != decoder.inputDimension()) {
            throw new IllegalArgumentException("The latent box has " + bounds.dimension() + " coordinates but decoder '"
                    + decoder.name() + "' takes " + decoder.inputDimension() + ". Give one bound per latent coordinate.");
        }
        this.bounds = bounds;
        this.gaussian = gaussian;
    }

    /** Standard normal prior on the decoder's latent coordinates. */
    public static LatentSpace standardNormal(TensorFunction decoder) {
        return new LatentSpace(decoder, Box.unbounded(decoder.inputDimension()), true);
    }

    /** Uniform prior on a bounded latent box (e.g. a GAN trained with uniform noise). */
    public static LatentSpace uniform(TensorFunction decoder, Box box) {
        for (int k = 0; k < box.dimension(); k++) {
            if (Double.isInfinite(box.lower(k)) || Double.isInfinite(box.upper(k))) {
                throw new IllegalArgumentException("A uniform latent prior needs a bounded box, but coordinate " + k
                        + " is unbounded. Give finite bounds, or use LatentSpace.standardNormal.");
            }
        }
        return new LatentSpace(decoder, box, false);
    }

    /**
     * The same prior truncated to {@code box}: a standard normal one truncated, a uniform one uniform on {@code box}
     * (which should lie within its own box: outside it the decoder was never trained).
     */
    public LatentSpace truncatedTo(Box box) {
        return new LatentSpace(decoder, box, gaussian);
    }

    @Override
    public int dimension() {
        return decoder.inputDimension();
    }

    @Override
    public int inputDimension() {
        return decoder.outputDimension();
    }

    @Override
    public Box bounds() {
        return bounds;
    }

    @Override
    public NDArray toInput(NDArray z) {
        return decoder.apply(z);
    }

    @Override
    public double[][] toInputs(double[][] z) {
        return decoder.evaluate(z);
    }

    @Override
    public NDArray priorEnergy(NDArray z) {
        return gaussian ? z.square().sum(new int[] {1}).div(Constant.of(z, 2)) : z.sum(new int[] {1}).mul(Constant.of(z, 0));
    }

    @Override
    public boolean isDifferentiable() {
        return decoder.isDifferentiable();
    }

    @Override
    public double[][] initialPositions(int chains, ChainRandom random) {
        double[][] out = new double[chains][];
        for (int c = 0; c < chains; c++) {
            out[c] = Starts.inside(bounds, random);
        }
        return out;
    }

    @Override
    public boolean hasProperPrior() {
        return true;
    }

    /** Standard normal draws (per coordinate truncated to the box, by inverse CDF), or uniform in the box. */
    @Override
    public double[][] priorDraws(int n, ChainRandom random) {
        double[][] out = new double[n][dimension()];
        TruncatedNormalDistribution[] marginals = new TruncatedNormalDistribution[dimension()];
        for (int k = 0; k < marginals.length; k++) {
            boolean bounded = Double.isFinite(bounds.lower(k)) || Double.isFinite(bounds.upper(k));
            marginals[k] = gaussian && bounded ? TruncatedNormalDistribution.of(0, 1, bounds.lower(k), bounds.upper(k)) : null;
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < marginals.length; k++) {
                if (!gaussian) {
                    out[i][k] = bounds.lower(k) + (bounds.upper(k) - bounds.lower(k)) * random.nextDouble();
                } else if (marginals[k] == null) {
                    out[i][k] = random.nextGaussian();
                } else {
                    out[i][k] = marginals[k].inverseCumulativeProbability(random.nextDouble());
                }
            }
        }
        return out;
    }

    /** The decoder. */
    public TensorFunction decoder() {
        return decoder;
    }

    @Override
    public String describe() {
        return "LatentSpace[" + (gaussian ? "N(0, I)" : "uniform") + " prior on " + dimension() + " latents, decoder "
                + decoder.name() + " -> " + inputDimension() + " features" + (bounds.isUnbounded() ? "" : ", " + bounds) + "]";
    }

    /** What {@code describe()} says (a query or space printed in a log reads as in reports and messages). */
    @Override
    public String toString() {
        return describe();
    }
}
