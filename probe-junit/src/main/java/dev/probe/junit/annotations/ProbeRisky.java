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
 * Prediction-risky inputs ("Generating Samples to Probe Trained Models" §3): for a classifier, where
 * its prediction has maximal entropy ({@code G = −H(f)}); for a regressor (a binary decision
 * function), where it is close to the threshold {@code alpha} ({@code G = |f − α|^r}). One invocation.
 *
 * <pre>{@code
 * @ProbeRisky @ProbeSettings(tau = 0.1)
 * void risky(ProbeAnswer a) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(value = RiskyFactory.class, relaxation = Relaxation.TAU)
public @interface ProbeRisky {

    /**
     * Decision threshold α, for regressors (decision functions) only; unset: 0.5. Set on a classifier's probe it is
     * an error (a classifier's risk is its entropy, with no threshold).
     */
    double alpha() default Double.NaN;

    /**
     * Power r for regressors only; a power other than 1 on a classifier's probe is an error, as alpha is (1, the
     * default, cannot be told from unset, and is what a classifier's entropy question uses anyway).
     */
    double power() default 1;

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
