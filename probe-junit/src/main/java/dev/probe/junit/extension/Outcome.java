package dev.probe.junit.extension;

import java.util.Locale;

/**
 * How an invocation ended. Only {@link #PASSED} and {@link #FAILED} are verdicts on the model;
 * {@link #NOT_SAMPLED} and {@link #NOT_CONVERGED} say the samples cannot support one, and {@link #ERROR} that
 * the invocation broke (an exception that is not an assertion failure).
 */
enum Outcome {
    /** Converged evidence, and the test method's assertions held. */
    PASSED,
    /** Converged evidence, and an assertion failed. */
    FAILED,
    /** No sample attained the target. */
    NOT_SAMPLED,
    /** Samples attained the target, but too few effectively, or the chains disagree (R̂). */
    NOT_CONVERGED,
    /**
     * An exception other than an assertion failure: from the model or the sampler (then there are no samples, and
     * the summary row's numbers are empty), or from the test method itself.
     */
    ERROR,
    /**
     * The test method aborted itself (a failed JUnit assumption, {@code TestAbortedException}) after converged
     * sampling: JUnit reports it as skipped, and so does the summary.
     */
    SKIPPED;

    /**
     * How JUnit reports an invocation that threw {@code t} after its probes passed: an assertion failure is a verdict
     * ({@link #FAILED}), an aborted test (a failed assumption) is {@link #SKIPPED}; any other exception is
     * {@link #ERROR}.
     */
    static Outcome of(Throwable t) {
        return t instanceof AssertionError ? FAILED : t instanceof org.opentest4j.TestAbortedException ? SKIPPED : ERROR;
    }

    /** The value in {@code summary.csv}, e.g. {@code not_converged}. */
    String csv() {
        return name().toLowerCase(Locale.ROOT);
    }
}
