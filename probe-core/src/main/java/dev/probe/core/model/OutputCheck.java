package dev.probe.core.model;


/**
 * Validation of model outputs (package plumbing): one place for the messages that name cause and fix.
 * Messages describe inputs and outputs by shape, index and a few values, never whole rows.
 */
final class OutputCheck {
    /** Largest accepted |Σp − 1| for declared probabilities. */
    static final double SUM_TOLERANCE = 1e-3;
    /** Values shown of a row. */
    static final int SHOWN = 4;

    /** Rows of at most this many values (tabular rows, whose hidden values may be the cause) are shown whole. */
    static final int SHOWN_WHOLE = 12;

    private OutputCheck() {}

    static void finite(String model, double[][] inputs, double[][] outputs) {
        for (int r = 0; r < outputs.length; r++) {
            for (int k = 0; k < outputs[r].length; k++) {
                double v = outputs[r][k];
                if (!Double.isFinite(v)) {
                    for (int f = 0; f < inputs[r].length; f++) {
                        if (!Double.isFinite(inputs[r][f])) {
                            throw new IllegalStateException("Model '" + model + "' was given " + inputs[r][f] + " at input "
                                    + "feature " + f + " of row " + r + " of a batch of " + inputs.length + " (and returned "
                                    + v + "): the inputs are not finite, so the generator, renderer or space that made "
                                    + "them is at fault, not the model. Make it produce finite inputs.");
                        }
                    }
                    // an infinite logit is how hard rules ("always decline above ...") are often coded; NaN is a fault.
                    // A standard-normal latent space has no bounds to restrict: the input space's bounds, or the generator
                    String fix = Double.isNaN(v) ? "check its weights and preprocessing, or restrict the space to where the "
                            + "model is defined (an input space's bounds; for a latent space, the decoder's outputs)"
                            : "a hard rule coded as an infinite logit can return a large finite one (e.g. ±30: "
                                    + "probability 1 − 10⁻¹³), or its probabilities declared with Classifier.fromProbabilities";
                    throw new IllegalStateException("Model '" + model + "' returned " + v + " at output " + k + " of row " + r
                            + " of a batch of " + inputs.length + " inputs (" + row(inputs[r]) + "). Its outputs must be "
                            + "finite: " + fix + ".");
                }
            }
        }
    }

    /** Whether a row is ≤ 0 with exponentials that sum to 1 (within {@link #SUM_TOLERANCE}). */
    static boolean logProbabilities(double[] row) {
        double sum = 0;
        for (double v : row) {
            if (!(v <= 1e-6)) {
                return false;
            }
            sum += Math.exp(v);
        }
        return Math.abs(sum - 1) <= SUM_TOLERANCE;
    }

    static void probabilities(String model, double[][] inputs, double[][] p) {
        finite(model, inputs, p);
        for (int r = 0; r < p.length; r++) {
            double sum = 0;
            for (double v : p[r]) {
                if (v < -1e-6 || v > 1 + 1e-6) {
                    // a log_softmax row (its exponentials sum to 1) is named as such (a new user's read only "if")
                    throw notProbabilities(model, r, inputs, p[r], "has a value outside [0, 1]" + (logProbabilities(p[r])
                            ? ": its values' exponentials sum to 1, as log-probabilities (log_softmax) do, so it is a "
                            + "logits model. Declare it with Classifier.fromLogits(...)." : ". " + DECLARE));
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                // values in [0, 1] that do not sum to 1: a sigmoid per label, whose labels may be on together
                String total = String.format(java.util.Locale.ROOT, "%.4g", sum);
                throw notProbabilities(model, r, inputs, p[r], "sums to " + total + MULTI_LABEL);
            }
        }
    }

    /**
     * Fails when every row of a model declared to output logits already lies on the simplex: a softmax
     * on top would flatten its probabilities toward 1/L and no target would be reachable.
     */
    static void notAlreadyProbabilities(String model, double[][] raw) {
        if (raw.length < 2) {
            return;
        }
        for (double[] row : raw) {
            double sum = 0;
            for (double v : row) {
                if (!(v >= 0 && v <= 1)) {
                    return;
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > 1e-4) {
                return;
            }
        }
        throw new IllegalArgumentException("Classifier '" + model + "' was declared with Classifier.fromLogits(...), but its "
                + "outputs are already probabilities: each of " + raw.length + " rows lies in [0, 1] and sums to 1 (row 0: "
                + values(raw[0]) + "). A softmax on top would flatten them toward 1/" + raw[0].length + " per class. Declare "
                + "it with Classifier.fromProbabilities(...), or export the model without its final softmax.");
    }

    /** The fix for a model whose outputs are not probabilities. */
    static final String DECLARE = "Declare it with Classifier.fromLogits(...) if it outputs logits or log_softmax, or add its final softmax.";

    /** Said of a row in [0, 1] that does not sum to 1: what a multi-label head is to Probe (a new user's was misled). */
    static final String MULTI_LABEL = ": a multi-label head (a sigmoid per label) is a Regressor.of(...) with your own "
            + "OutputEnergy (README). Otherwise: d" + DECLARE.substring(1);


    private static IllegalStateException notProbabilities(String model, int r, double[][] inputs, double[] p, String what) {
        return new IllegalStateException("Classifier '" + model + "' was declared to output probabilities, but its output "
                + "row " + r + " " + values(p) + " of a batch of " + inputs.length + " inputs (" + row(inputs[r]) + ") "
                + what + (labels(p) ? LABELS : ""));
    }

    /**
     * Said of a row of non-negative whole numbers, which labels (a class index, a one-hot row) are: a new user's model
     * returned {label, 0, 0} and was told of multi-label heads and logits, neither of which it was.
     */
    static final String LABELS = " Its values are all whole numbers: if the model returns labels (a class index or a "
            + "one-hot row, as predict() does) rather than probabilities, return its class probabilities instead "
            + "(predict_proba, or the scores before the argmax): labels give every input one of a few values, which no "
            + "sampler can follow.";

    private static boolean labels(double[] row) {
        for (double v : row) {
            if (!(v >= 0 && v == Math.rint(v))) {
                return false;
            }
        }
        return true;
    }

    /** {@code "an input of 784 values: [0.000, 0.000, 0.1200, 0.5000, ... (780 more)]"}. */
    static String row(double[] x) {
        return "an input of " + x.length + " values: " + values(x);
    }

    /** Every value of a row of up to {@value #SHOWN_WHOLE} (a tabular row), else {@value #SHOWN}, then how many more. */
    static String values(double[] x) {
        int shown = x.length <= SHOWN_WHOLE ? x.length : SHOWN;
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < shown; k++) {
            b.append(k == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4g", x[k]));
        }
        return b.append(x.length > shown ? ", ... (" + (x.length - shown) + " more)]" : "]").toString();
    }
}
