package dev.probe.junit.assertions;

import dev.probe.core.result.ProbeResult;

/**
 * Entry point of the probe assertions.
 *
 * <pre>{@code
 * import static dev.probe.junit.assertions.ProbeAssertions.assertThat;
 * assertThat(result).hasTargetAttainmentAtLeast(0.8);
 * }</pre>
 */
public final class ProbeAssertions {
    private ProbeAssertions() {}

    public static ProbeResultAssert assertThat(ProbeResult actual) {
        return new ProbeResultAssert(actual);
    }
}
