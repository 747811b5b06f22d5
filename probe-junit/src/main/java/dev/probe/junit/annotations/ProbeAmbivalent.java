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
 * Samples inputs the model is torn between classes {@code i} and {@code j} on, the others suppressed
 * (BAYES-PROBE eqs. 6–9): one invocation per pair ("ambivalent 1 vs 7"), all pairs by default.
 *
 * <pre>{@code
 * @ProbeAmbivalent(pairs = {"1:7", "4:9"})
 * void torn(ProbeResult r) { assertThat(r).hasTargetAttainmentAtLeast(0.5); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(AmbivalentFactory.class)
public @interface ProbeAmbivalent {

    /** Pairs as {@code "i:j"}; empty means all pairs {@code i < j}. */
    String[] pairs() default {};

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
