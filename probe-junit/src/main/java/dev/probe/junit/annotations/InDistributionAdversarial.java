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
 * In-distribution adversarial examples (BAYES-PROBE §3): for each class {@code c} with a generator
 * declared {@code @Generator(excludes = c)}, samples from that generator — which cannot draw a c — the
 * inputs the model calls c with certainty ("adversarial: classified as 4, generator without 4").
 * Every such sample is wrong by construction; a robust model keeps them rare or unreachable.
 *
 * <pre>{@code
 * @InDistributionAdversarial(classes = {4, 7})
 * void fooled(ProbeResult r) { assertThat(r).hasTargetAttainmentAtMost(0.5); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(AdversarialFactory.class)
public @interface InDistributionAdversarial {

    /** Classes to probe; empty means every class some generator excludes. */
    int[] classes() default {};

    /** The model; empty: the only one. */
    String model() default "";

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
