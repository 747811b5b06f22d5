package dev.probe.junit.annotations;

import dev.probe.junit.extension.ProbeExtension;
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
 * {@code to} in {@code steps} steps, one invocation per step ("confidence 8→9 step 3/11: p8=0.80 p9=0.20").
 *
 * <pre>{@code
 * @ProbeConfidence(from = 8, to = 9, steps = 11)
 * void graded(ProbeResult r) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(ConfidenceFactory.class)
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

    /** Kept draws per chain (unset: class defaults, configuration {@code probe.draws}, then 100). */
    int draws() default -1;

    /** Chains (unset: ... then 32). */
    int chains() default -1;

    /** Warm-up iterations (unset: ... then 200). */
    int warmup() default -1;

    /** Iterations per kept draw (unset: ... then 1). */
    int thin() default -1;

    /** Level-set relaxation σ (unset: ... then 0.05). */
    double sigma() default Double.NaN;

    /** Temperature τ (unset: ... then 1). */
    double tau() default Double.NaN;

    /** Kernel (unset: chosen from the pipeline). */
    SamplerKind sampler() default SamplerKind.AUTO;

    /** Seed (unset: derived from the invocation, or configuration {@code probe.seed}). */
    String seed() default "";

    /** Target distance within which a sample counts as attaining the target. */
    double tolerance() default 0.1;
}
