package dev.probe.junit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An aggregate quality gate over all invocations of one probe template: after the last invocation,
 * the template fails unless at least {@code minSampled} invocations sampled their target and at least
 * {@code minPassed} passed.
 *
 * <pre>{@code
 * @ProbeAmbivalent @ProbeGate(minSampled = 40)
 * void ambivalence(ProbeResult r) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProbeGate {
    /** Invocations that must reach their target; -1 = no requirement. */
    int minSampled() default -1;

    /** Invocations that must pass; -1 = no requirement. */
    int minPassed() default -1;
}
