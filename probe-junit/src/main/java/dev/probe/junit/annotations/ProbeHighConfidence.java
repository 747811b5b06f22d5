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
 * Samples inputs the model classifies as class {@code i} with certainty — the prediction level set
 * {@code f_i(x) = 1} (BAYES-PROBE eqs. 4–5), one invocation per class ("high confidence: class 7").
 *
 * <pre>{@code
 * @ProbeHighConfidence(classes = {1, 7})
 * void confident(ProbeResult r) { assertThat(r).hasMisclassificationRateAtMost(0.05); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(HighConfidenceFactory.class)
public @interface ProbeHighConfidence {

    /** Classes to probe; empty means every class of the model. */
    int[] classes() default {};

    /** The model ({@code @ModelUnderTest} name); empty: the only one. */
    String model() default "";

    /** The generator ({@code @Generator} name); empty: the default one. */
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
