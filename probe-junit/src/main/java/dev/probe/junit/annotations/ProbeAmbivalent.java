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
 * Samples inputs the model is torn between classes {@code i} and {@code j} on, the others suppressed
 * (BAYES-PROBE eqs. 6–9): one invocation per pair ("ambivalent 1 vs 7"), all pairs by default.
 *
 * <pre>{@code
 * @ProbeAmbivalent(pairs = {"1:7", "4:9"})
 * void torn(ProbeAnswer a) { assertThat(a).hasTargetAttainmentAtLeast(0.5); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(value = AmbivalentFactory.class, relaxation = Relaxation.SIGMA)
public @interface ProbeAmbivalent {

    /** Pairs as {@code "i:j"}; empty means all pairs {@code i < j}. */
    String[] pairs() default {};

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
