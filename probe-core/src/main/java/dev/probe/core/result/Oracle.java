package dev.probe.core.result;

import java.util.function.ToIntFunction;

/**
 * The true label of a sample, to count misclassifications: known by construction (a generator that
 * only draws 9s: {@link #constant}) or computed by a labelling function of the sampled coordinates
 * (e.g. a procedural generator's shape attribute) or of the input.
 *
 * <pre>{@code
 * Oracle nines = Oracle.constant(9);
 * Oracle shape = Oracle.ofLatent(a -> (int) Math.round(a[0]));
 * Rate wrong = result.misclassified("cnn", shape);
 * }</pre>
 */
@FunctionalInterface
public interface Oracle {

    /** The true class of the sample with sampled coordinates {@code latent} and model input {@code input}. */
    int label(double[] latent, double[] input);

    /** Every sample has class {@code label}. */
    static Oracle constant(int label) {
        return (latent, input) -> label;
    }

    /** The class is a function of the sampled coordinates. */
    static Oracle ofLatent(ToIntFunction<double[]> f) {
        return (latent, input) -> f.applyAsInt(latent);
    }

    /** The class is a function of the model input. */
    static Oracle ofInput(ToIntFunction<double[]> f) {
        return (latent, input) -> f.applyAsInt(input);
    }
}
