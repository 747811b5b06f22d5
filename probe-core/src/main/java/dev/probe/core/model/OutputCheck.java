package dev.probe.core.model;

import java.util.Arrays;

/** Validation of model outputs (package plumbing): one place for the messages that name cause and fix. */
final class OutputCheck {
    /** Largest accepted |Σp − 1| for declared probabilities. */
    static final double SUM_TOLERANCE = 1e-3;

    private OutputCheck() {}

    static void finite(String model, double[][] inputs, double[][] outputs) {
        for (int r = 0; r < outputs.length; r++) {
            for (double v : outputs[r]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException("Model '" + model + "' returned " + v + " for input "
                            + Arrays.toString(inputs[r]) + " (row " + r + "). Its outputs must be finite: check its weights "
                            + "and preprocessing, or restrict the space's bounds to where the model is defined.");
                }
            }
        }
    }

    static void probabilities(String model, double[][] inputs, double[][] p) {
        finite(model, inputs, p);
        for (int r = 0; r < p.length; r++) {
            double sum = 0;
            for (double v : p[r]) {
                if (v < -1e-6 || v > 1 + 1e-6) {
                    throw notProbabilities(model, inputs[r], p[r], "has a value outside [0, 1]");
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw notProbabilities(model, inputs[r], p[r], "sums to " + sum);
            }
        }
    }

    private static IllegalStateException notProbabilities(String model, double[] input, double[] p, String what) {
        return new IllegalStateException("Classifier '" + model + "' was declared to output probabilities, but its output "
                + Arrays.toString(p) + " at input " + Arrays.toString(input) + " " + what + ". Declare it with "
                + "Classifier.fromLogits(...) if it outputs logits, or add its final softmax.");
    }
}
