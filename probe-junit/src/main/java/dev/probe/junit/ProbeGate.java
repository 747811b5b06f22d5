package dev.probe.junit;

import dev.probe.junit.extension.ProbeAnnotationPlacement;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An aggregate quality gate over all invocations of one probe template: after the last invocation,
 * the template fails unless at least {@code minSampled} invocations sampled their target and at least
 * {@code minPassed} passed. An invocation counts as sampled only with at least
 * {@link ProbeSettings#minAttainedEss()} effective samples attaining its target, not when one draw
 * happened to. Passing or failing, the gate prints its count and names the invocations that failed,
 * were not sampled or did not converge, with the command that re-runs them.
 *
 * <pre>{@code
 * @ProbeAmbivalent @ProbeGate(minSampled = 40)
 * void ambivalence(ProbeAnswer answer) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(ProbeAnnotationPlacement.class)
public @interface ProbeGate {
    /** Invocations that must sample their target (see above); -1 = no requirement. */
    int minSampled() default -1;

    /** Invocations that must pass (converged, and the test method's assertions held); -1 = no requirement. */
    int minPassed() default -1;
}
