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
 * Prediction-risky inputs ("Generating Samples to Probe Trained Models" §3): for a classifier, where
 * its prediction has maximal entropy ({@code G = −H(f)}); for a regressor (a binary decision
 * function), where it is close to the threshold {@code alpha} ({@code G = |f − α|^r}). One invocation.
 *
 * <pre>{@code
 * @ProbeRisky(tau = 0.1)
 * void risky(ProbeResult r) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(RiskyFactory.class)
public @interface ProbeRisky {

    /** Decision threshold α for regressors. */
    double alpha() default 0.5;

    /** Power r for regressors. */
    double power() default 1;

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
