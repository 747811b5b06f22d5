package dev.probe.junit.annotations;

import dev.probe.junit.extension.ProbeExtension;
import dev.probe.junit.extension.ProbeSource;
import dev.probe.junit.extension.ProbeSource.Relaxation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Samples inputs whose predicted class probabilities equal a target vector {@code p*} (BAYES-PROBE
 * eqs. 10–11): either one {@code target}, or an interpolation from class {@code from} to class
 * {@code to} in {@code steps} steps, one invocation per step ({@code steps = 11}: steps 0 to 10, step 3 named
 * "confidence 8→9 step 3/10: p8=0.70 p9=0.30").
 *
 * <pre>{@code
 * @ProbeConfidence(from = 8, to = 9, steps = 11)
 * void graded(ProbeAnswer a) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(value = ConfidenceFactory.class, relaxation = Relaxation.SIGMA)
public @interface ProbeConfidence {

    /** A target probability vector; leave empty when interpolating. */
    double[] target() default {};

    /** Interpolation start class; -1 when giving a target. */
    int from() default -1;

    /** Interpolation end class; -1 when giving a target. */
    int to() default -1;

    /** Interpolation steps, both ends included. */
    int steps() default 11;

    /** The model; empty: the only one. */
    String model() default "";

    /** The generator; empty: the default one. */
    String generator() default "";

    /**
     * Target distance within which a sample attains the target (unset: configuration
     * {@code probe.tolerance}, then 0.1).
     */
    double tolerance() default Double.NaN;
}
