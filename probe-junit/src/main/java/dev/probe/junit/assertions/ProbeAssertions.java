package dev.probe.junit.assertions;

import dev.probe.junit.ProbeAnswer;

/**
 * Entry point of the probe assertions.
 *
 * <pre>{@code
 * import static dev.probe.junit.assertions.ProbeAssertions.assertThat;
 * assertThat(answer).hasTargetAttainmentAtLeast(0.8);
 * }</pre>
 */
public final class ProbeAssertions {
    private ProbeAssertions() {}

    public static ProbeAnswerAssert assertThat(ProbeAnswer actual) {
        return new ProbeAnswerAssert(actual);
    }
}
