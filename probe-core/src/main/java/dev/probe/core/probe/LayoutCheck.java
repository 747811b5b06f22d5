package dev.probe.core.probe;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.model.Regressor;
import dev.probe.core.model.TensorFunction;
import dev.probe.core.query.Query;
import dev.probe.core.space.LatentSpace;
import dev.probe.core.space.SampleSpace;
import java.util.Arrays;
import java.util.Optional;

/**
 * Refuses a decoder and a model that agree on the number of values per input but not on their layout (package
 * plumbing): a new user's decoder made {@code (3, 32, 32)} images (channels first) for a classifier loaded with
 * {@code new Shape(32, 32, 3)}; both have 3,072 values, so every image reached the classifier scrambled, and the probe
 * ended "not sampled" with advice to give more budget. Checked where both shapes are known (DJL blocks, TorchScript
 * files, a black box's declared sample shape, and those followed by {@code TensorFunction.andThen}): shapes that differ, once their 1s are dropped, but hold the same sizes in another order. A flat model input
 * ({@code new Shape(3072)}) is a reshape, not a layout, and passes.
 *
 * <pre>{@code
 * LayoutCheck.of(space, query);   // in Probe.of, beside the check of the number of values
 * }</pre>
 */
final class LayoutCheck {
    private LayoutCheck() {}

    static void of(SampleSpace space, Query query) {
        if (!(space instanceof LatentSpace latent)) {
            return;
        }
        Optional<Shape> produced = outputShape(latent.decoder());
        if (produced.isEmpty()) {
            return;
        }
        for (ModelUnderTest m : query.models()) {
            Optional<Shape> taken = inputShape(m);
            if (taken.isPresent() && transposed(produced.get(), taken.get())) {
                throw new IllegalArgumentException("Layout mismatch: " + space.describe() + " produces inputs of shape "
                        + produced.get() + " but model '" + m.name() + "' takes " + taken.get() + ": the same "
                        + produced.get().size() + " values in another order, so every input would reach the model "
                        + "scrambled (channels first against channels last, or height and width swapped). Load the model "
                        + "with the decoder's shape (new Shape" + produced.get() + ") and permute inside the model if it "
                        + "needs another layout, or make the decoder produce " + taken.get() + ".");
            }
        }
    }

    /**
     * The decoder's output shape and the models' input shapes where known, for a message about sizes that differ: e.g.
     * " (the decoder's outputs are (3, 64, 64), model 'cnn' takes (3, 32, 32))"; empty where neither is known.
     */
    static String shapes(SampleSpace space, Query query) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (space instanceof LatentSpace latent) {
            outputShape(latent.decoder()).ifPresent(s -> parts.add("the decoder's outputs are " + s));
        }
        for (ModelUnderTest m : query.models()) {
            inputShape(m).ifPresent(s -> parts.add("model '" + m.name() + "' takes " + s));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** Whether the shapes, without their 1s, differ but hold the same sizes. */
    static boolean transposed(Shape a, Shape b) {
        long[] x = squeezed(a);
        long[] y = squeezed(b);
        if (Arrays.equals(x, y) || x.length != y.length) {
            return false;
        }
        long[] sx = x.clone();
        long[] sy = y.clone();
        Arrays.sort(sx);
        Arrays.sort(sy);
        return Arrays.equals(sx, sy);
    }

    private static long[] squeezed(Shape s) {
        return Arrays.stream(s.getShape()).filter(v -> v != 1).toArray();
    }

    /** The per-sample output shape of a function that knows it ({@link TensorFunction#knownOutputShape()}). */
    private static Optional<Shape> outputShape(TensorFunction f) {
        return f.knownOutputShape();
    }

    /** The per-sample input shape of a classifier's or regressor's function, where it knows it. */
    private static Optional<Shape> inputShape(ModelUnderTest m) {
        TensorFunction f = m instanceof Classifier c ? c.function() : m instanceof Regressor r ? r.function() : null;
        return f == null ? Optional.empty() : f.knownInputShape();
    }
}
