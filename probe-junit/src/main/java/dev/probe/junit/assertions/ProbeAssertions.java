package dev.probe.junit.assertions;

import dev.probe.junit.ProbeAnswer;
import java.util.Collection;

/**
 * Entry point of the probe assertions.
 *
 * <pre>{@code
 * import static dev.probe.junit.assertions.ProbeAssertions.assertThat;
 * assertThat(answer).hasTargetAttainmentAtLeast(0.8);
 * assertThatPooled(answersOfEveryClass).hasMisclassificationRateAtMost(0.2);
 * }</pre>
 */
public final class ProbeAssertions {
    private ProbeAssertions() {}

    public static ProbeAnswerAssert assertThat(ProbeAnswer actual) {
        return new ProbeAnswerAssert(actual);
    }

    /**
     * Assertions on several independent probe answers pooled into one, e.g. the high-confidence probes of
     * every class for an aggregate misclassification rate.
     */
    public static PooledAnswersAssert assertThatPooled(Collection<ProbeAnswer> actual) {
        return new PooledAnswersAssert(actual);
    }
}
