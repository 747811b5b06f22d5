package dev.probe.core.probe;

import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.space.SampleSpace;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Refuses a model whose output for a realistic input depends on the other rows of its batch (package plumbing). The
 * models' load-time check compares rows filled with 0.25 and 1, which a tabular space in raw units (income 10–200, age
 * 18–90) never holds and which differ too little for a batch statistic to show: a new user's credit model, centring
 * income on the batch's mean, loaded, converged and passed with a prior mass 4–8 standard errors off. Here the space's
 * own prior draws are evaluated as one batch and each of the first two alone, before any sampling.
 *
 * <pre>{@code
 * BatchIndependence.atPriorDraws(space, query.models(), draws); // where the pool or screening has prior draws
 * }</pre>
 */
final class BatchIndependence {
    /** Prior draws evaluated together. */
    static final int ROWS = 8;

    /** Differences below this share of the outputs' scale (at least 1) are float rounding between batch sizes. */
    static final double TOLERANCE = 1e-3;

    private BatchIndependence() {}

    /**
     * Throws if a model's output at one of the first prior draws of {@code draws} differs alone from its output in a
     * batch of up to {@value #ROWS} of them.
     */
    static void atPriorDraws(SampleSpace space, List<? extends ModelUnderTest> models, double[][] draws) {
        int k = Math.min(ROWS, draws.length);
        if (k < 2) {
            return;
        }
        double[][] inputs = space.toInputs(Arrays.copyOf(draws, k));
        for (ModelUnderTest m : models) {
            double[][] batch = m.outputs(inputs);
            double scale = Math.max(1, Arrays.stream(batch).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(0));
            for (int r = 0; r < 2; r++) {
                double[] alone = m.outputs(new double[][] {inputs[r]})[0];
                for (int j = 0; j < alone.length; j++) {
                    if (Math.abs(alone[j] - batch[r][j]) > TOLERANCE * scale) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT, "Model '%s' gives a prior draw of %s "
                                + "a different output alone than in a batch of %d prior draws (output %d: %.6g alone, %.6g "
                                + "in the batch; the input: %s): its outputs depend on the other rows of the batch. Probe "
                                + "evaluates many chains or particles in one batch, in chunks of varying size, so each row's "
                                + "output must be computed from that row alone. A normalisation over the batch (a feature "
                                + "centred or scaled by the batch's mean or spread), batch-norm on batch statistics "
                                + "(training mode) or pooling across rows does this: normalise by fixed statistics (e.g. the "
                                + "training data's), or run the model in eval mode (model.eval()).", m.name(), space.describe(), k,
                                j, alone[j], batch[r][j], PriorDrawCheck.values(inputs[r])));
                    }
                }
            }
        }
    }
}
