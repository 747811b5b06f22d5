package dev.probe.core.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import dev.probe.core.sampler.ChainRandom;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A Gaussian distribution {@code q*(θ) = N(θ*, s²I)} around a DJL model's trained weights, represented by
 * {@code K} fixed draws ("Generating Samples to Probe Trained Models", eq. 6: "sampling from q* means
 * perturbing θ*"). {@link #perturb} builds the {@code K} copies once: a fresh block from the
 * architecture supplier, initialised, then every parameter set to {@code θ* + s·ε} with {@code ε} from
 * {@code new ChainRandom(seed)} (drawn in Java, parameter after parameter, copy after copy, so the same
 * seed gives the same copies). Running statistics (batch-norm mean and variance) are copied unperturbed.
 * Copies are frozen like every {@link DjlBlockFunction}: probes differentiate with respect to inputs only.
 *
 * <pre>{@code
 * WeightNoise noise = WeightNoise.gaussian(0.05, 16, 7);          // s, K, seed
 * List<DjlBlockFunction> copies = noise.perturb(DjlBlockFunction.of(model, new Shape(4)), Nets::mlp);
 * }</pre>
 */
public final class WeightNoise {
    private final double sd;
    private final int draws;
    private final long seed;

    private WeightNoise(double sd, int draws, long seed) {
        if (!(sd > 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException("Weight noise s must be positive and finite, got " + sd
                    + ". It is the standard deviation added to every trained parameter.");
        }
        if (draws < 1) {
            throw new IllegalArgumentException("Need at least one weight draw K, got " + draws
                    + ". The integral over q*(θ) is approximated by K perturbed copies (8–32 is typical).");
        }
        this.sd = sd;
        this.draws = draws;
        this.seed = seed;
    }

    /** {@code K = draws} draws from {@code N(θ*, sd²I)}, from the stream {@code new ChainRandom(seed)}. */
    public static WeightNoise gaussian(double sd, int draws, long seed) {
        return new WeightNoise(sd, draws, seed);
    }

    public double sd() {
        return sd;
    }

    public int draws() {
        return draws;
    }

    public long seed() {
        return seed;
    }

    /**
     * {@code K} perturbed copies of {@code trained}; {@code architecture} must build a fresh, uninitialised
     * block of the trained block's architecture (same parameters, names and shapes, in the same order).
     */
    public List<DjlBlockFunction> perturb(DjlBlockFunction trained, Supplier<Block> architecture) {
        Objects.requireNonNull(architecture, "architecture");
        ParameterList source = trained.model().getBlock().getParameters();
        ChainRandom random = new ChainRandom(seed);
        List<DjlBlockFunction> copies = new ArrayList<>(draws);
        for (int k = 0; k < draws; k++) {
            Model copy = Model.newInstance(trained.name() + "~" + (k + 1));
            Block block = Objects.requireNonNull(architecture.get(), "architecture.get() returned null");
            block.initialize(copy.getNDManager(), DataType.FLOAT32, new Shape(1).addAll(trained.sampleShape()));
            ParameterList target = block.getParameters();
            if (target.size() != source.size()) {
                copy.close();
                throw mismatch(trained, "has " + source.size() + " parameters but the architecture builds " + target.size());
            }
            for (int i = 0; i < source.size(); i++) {
                perturbInto(trained, source.valueAt(i), target.valueAt(i), random);
            }
            copy.setBlock(block);
            copies.add(DjlBlockFunction.of(copy, trained.sampleShape()));
        }
        return copies;
    }

    private void perturbInto(DjlBlockFunction trained, Parameter from, Parameter to, ChainRandom random) {
        NDArray src = from.getArray();
        NDArray dst = to.getArray();
        if (!src.getShape().equals(dst.getShape())) {
            throw mismatch(trained, "has parameter '" + from.getName() + "' of shape " + src.getShape()
                    + " but the architecture builds '" + to.getName() + "' of shape " + dst.getShape());
        }
        if (dst.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("Parameter '" + to.getName() + "' is " + dst.getDataType()
                    + "; weight noise supports float32 parameters. Build the architecture in float32.");
        }
        float[] values = src.toType(DataType.FLOAT32, false).toFloatArray();
        // batch-norm statistics and other non-trained constants (e.g. input standardisation) are copied unperturbed
        boolean statistic = from.getType() == Parameter.Type.RUNNING_MEAN || from.getType() == Parameter.Type.RUNNING_VAR
                || from.getType() == Parameter.Type.OTHER;
        if (!statistic) {
            for (int j = 0; j < values.length; j++) {
                values[j] += (float) (sd * random.nextGaussian());
            }
        }
        dst.set(FloatBuffer.wrap(values));
    }

    private static IllegalArgumentException mismatch(DjlBlockFunction trained, String what) {
        return new IllegalArgumentException("Model '" + trained.name() + "' " + what + ". Pass a supplier that builds the "
                + "trained model's architecture (e.g. the same factory method used before training).");
    }

    @Override
    public String toString() {
        return "N(θ*, " + sd + "²), K=" + draws + ", seed " + seed;
    }
}
