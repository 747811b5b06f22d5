package dev.probe.junit.extension;

import dev.probe.core.probe.Probe;
import dev.probe.core.result.Oracle;
import java.util.Objects;
import java.util.Optional;

/**
 * One invocation of a probe template: what to sample, with which settings, and how to judge it. Made
 * by a {@link ProbeFactory} through {@link ProbeContext#spec}.
 *
 * <pre>{@code
 * ProbeConfiguration c = context.configuration("1:7", annotation.tolerance());
 * ProbeSpec spec = context.spec("ambivalent 1 vs 7", "1:7", space, query, classifier.name(), c);
 * }</pre>
 *
 * @param displayName what a reviewer reads, e.g. {@code "ambivalent 1 vs 7"}
 * @param key short id selecting this invocation alone with {@code -Dprobe.only=<key>}
 * @param probe the query over its space
 * @param configuration resolved settings (tolerance included)
 * @param judgedModel name of the model whose predictions the assertions judge
 * @param oracle true labels of samples, if the test class declares one
 * @param questionClasses the classes the question is about (report captions show their probabilities);
 *     empty: the top class
 * @param targetLabels the classes the question asks the model to give an attained sample (both of an ambivalent pair,
 *     the classes a target vector gives probability to; every class for a fully ambiguous one): an oracle label outside them is a
 *     misclassification ({@link dev.probe.junit.ProbeAnswer#misclassifiedAmongAttained()}); empty: the model's top class is judged
 * @param unreachableIsRobust whether a target this space does not reach is what a robust model gives: the space is a
 *     generator declared {@code @Generator(excludes = c)} for a class {@code c} the question is about (set by
 *     {@link ProbeContext#spec}), or one of novel classes ({@link #withUnreachableIsRobust}); its not-sampled message
 *     then says that this is the answer the probe looks for
 */
public record ProbeSpec(String displayName, String key, Probe probe, ProbeConfiguration configuration, String judgedModel,
        Optional<Oracle> oracle, int[] questionClasses, int[] targetLabels, boolean unreachableIsRobust) {

    /** A spec over a generator that does not exclude the question's classes. */
    public ProbeSpec(String displayName, String key, Probe probe, ProbeConfiguration configuration, String judgedModel,
            Optional<Oracle> oracle, int[] questionClasses, int[] targetLabels) {
        this(displayName, key, probe, configuration, judgedModel, oracle, questionClasses, targetLabels, false);
    }

    /** A spec whose target labels are its question classes. */
    public ProbeSpec(String displayName, String key, Probe probe, ProbeConfiguration configuration, String judgedModel,
            Optional<Oracle> oracle, int[] questionClasses) {
        this(displayName, key, probe, configuration, judgedModel, oracle, questionClasses, questionClasses);
    }

    public ProbeSpec {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(judgedModel, "judgedModel");
        Objects.requireNonNull(oracle, "oracle");
        questionClasses = questionClasses.clone();
        targetLabels = targetLabels.clone();
    }

    @Override
    public int[] questionClasses() {
        return questionClasses.clone();
    }

    @Override
    public int[] targetLabels() {
        return targetLabels.clone();
    }

    /**
     * The same spec, for a question whose inputs no robust model gives (its inputs would be misclassified by
     * construction: a generator of novel classes called one of the model's): its not-sampled outcome says so.
     */
    public ProbeSpec withUnreachableIsRobust() {
        return new ProbeSpec(displayName, key, probe, configuration, judgedModel, oracle, questionClasses, targetLabels,
                true);
    }

    /** The same spec with other target labels (the classes a target vector gives probability to, say). */
    public ProbeSpec withTargetLabels(int... labels) {
        return new ProbeSpec(displayName, key, probe, configuration, judgedModel, oracle, questionClasses, labels,
                unreachableIsRobust);
    }
}
