package dev.probe.junit.assertions;

import dev.probe.core.result.ProbeResult;

/**
 * Entry point of the probe assertions.
 *
 * <pre>{@code
 * import static dev.probe.junit.assertions.ProbeAssertions.assertThat;
 * assertThat(result).hasTargetAttainmentAtLeast(0.8);
 * assertThatPooled(resultsOfEveryClass).hasMisclassificationRateAtMost("cnn", oracle, 0.1, 0.2);
 * }</pre>
 */
public final class ProbeAssertions {
    private ProbeAssertions() {}

    public static ProbeResultAssert assertThat(ProbeResult actual) {
        return new ProbeResultAssert(actual);
    }

    /**
     * Assertions on several independent probe results pooled into one, e.g. the high-confidence probes of
     * every class for an aggregate misclassification rate.
     */
    public static PooledResultsAssert assertThatPooled(java.util.Collection<ProbeResult> actual) {
        return new PooledResultsAssert(actual);
    }
}
