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
 * Novel-class extrapolation (BAYES-PROBE §3): samples, from a generator of classes the classifier never
 * saw ({@code generator}), the inputs the classifier assigns to one of its own classes with certainty,
 * one invocation per class ("novel class: generator c2 classified as 0").
 *
 * <pre>{@code
 * @NovelClassExtrapolation(generator = "c2")
 * void extrapolates(ProbeResult r) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(NovelClassFactory.class)
public @interface NovelClassExtrapolation {

    /** The generator of the novel classes (required). */
    String generator();

    /** Classes of the classifier to probe; empty means all. */
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
