package dev.probe.junit.extension;

import java.util.Locale;

/**
 * How an invocation ended. Only {@link #PASSED} and {@link #FAILED} are verdicts on the model; the other
 * two say the samples cannot support one.
 */
enum Outcome {
    /** Converged evidence, and the test method's assertions held. */
    PASSED,
    /** Converged evidence, and an assertion failed. */
    FAILED,
    /** No sample attained the target. */
    NOT_SAMPLED,
    /** Samples attained the target, but too few effectively, or the chains disagree (R̂). */
    NOT_CONVERGED;

    /** The value in {@code summary.csv}, e.g. {@code not_converged}. */
    String csv() {
        return name().toLowerCase(Locale.ROOT);
    }
}
