package dev.probe.junit.extension;

import java.lang.annotation.Annotation;
import java.util.List;

/**
 * Turns one probe annotation into the probe specs of its invocations (one per class, pair, step or
 * factual instance). Factories validate the annotation's attributes against the test class's models
 * and generators and throw {@link IllegalArgumentException} naming the mistake — before any sampling.
 *
 * <pre>{@code
 * final class HighConfidenceFactory implements ProbeFactory<ProbeHighConfidence> {
 *     public List<ProbeSpec> specs(ProbeHighConfidence a, ProbeContext context) { ... }
 * }
 * }</pre>
 *
 * @param <A> the probe annotation
 */
public interface ProbeFactory<A extends Annotation> {

    /** The invocations of the template annotated with {@code annotation}. */
    List<ProbeSpec> specs(A annotation, ProbeContext context);
}
