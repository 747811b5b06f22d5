package dev.probe.core.result;

import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The true label of a sample, to count misclassifications: known by construction (a generator that
 * only draws 9s: {@link #constant}) or computed by a labelling function of the sampled coordinates
 * (e.g. a procedural generator's shape attribute) or of the input.
 *
 * <pre>{@code
 * Oracle nines = Oracle.constant(9);
 * Oracle shape = Oracle.ofLatent(a -> (int) Math.round(a[0]));
 * Oracle reference = Oracle.ofInputs(rows -> argMax(trustedModel.outputs(rows)));
 * Rate wrong = result.misclassified("cnn", shape);
 * }</pre>
 */
@FunctionalInterface
public interface Oracle {

    /** The true class of the sample with sampled coordinates {@code latent} and model input {@code input}. */
    int label(double[] latent, double[] input);

    /**
     * The true classes of many samples at once (rows of {@code latents} and {@code inputs} belong together).
     * Results label their samples through this method, so an oracle that is itself a model can run one
     * batch instead of one call per sample ({@link #ofInputs}).
     */
    default int[] labels(double[][] latents, double[][] inputs) {
        int[] out = new int[inputs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = label(latents[i], inputs[i]);
        }
        return out;
    }

    /**
     * Whether the labels may depend on the sampled coordinates, not only on the model input: true unless the oracle
     * was made by {@link #constant}, {@link #ofInput} or {@link #ofInputs}. Coordinates mean different things in
     * different generators, so an oracle shared by several of them is worth checking only when this is true.
     */
    default boolean readsCoordinates() {
        return true;
    }

    /** Every sample has class {@code label}. */
    static Oracle constant(int label) {
        return ofInput(input -> label);
    }

    /** The class is a function of the sampled coordinates. */
    static Oracle ofLatent(ToIntFunction<double[]> f) {
        return (latent, input) -> f.applyAsInt(latent);
    }

    /** The class is a function of the model input. */
    static Oracle ofInput(ToIntFunction<double[]> f) {
        return new Oracle() {
            @Override
            public int label(double[] latent, double[] input) {
                return f.applyAsInt(input);
            }

            @Override
            public boolean readsCoordinates() {
                return false;
            }
        };
    }

    /**
     * The classes are computed for a batch of model inputs at once, e.g. by a trusted model
     * ({@code rows -> argMax(referenceModel.outputs(rows))}): one forward pass per result instead of one per
     * sample.
     */
    static Oracle ofInputs(Function<double[][], int[]> batch) {
        return new Oracle() {
            @Override
            public int label(double[] latent, double[] input) {
                return batch.apply(new double[][] {input})[0];
            }

            @Override
            public int[] labels(double[][] latents, double[][] inputs) {
                int[] out = batch.apply(inputs);
                if (out.length != inputs.length) {
                    throw new IllegalStateException("The oracle labelled " + out.length + " of " + inputs.length
                            + " inputs; it must return one label per input row.");
                }
                return out;
            }

            @Override
            public boolean readsCoordinates() {
                return false;
            }
        };
    }
}
