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
 * In-distribution adversarial examples (BAYES-PROBE §3): for each class {@code c} with a generator
 * declared {@code @Generator(excludes = c)}, samples from that generator — which cannot draw a c — the
 * inputs the model calls c with certainty ("adversarial: classified as 4, generator without 4").
 * Every such sample is wrong by construction; a robust model keeps them rare or unreachable. Attainment is the
 * share of the tilted target within the tolerance, near 1 whenever such inputs exist at all, so it cannot say
 * "rare": bound their prior mass (under population sampling, the default here) — "the generator draws an input the
 * model calls 4 with certainty at most once in 100" — and read a model for which none exists from its not-sampled
 * outcome (no verdict: {@code probe.notSampled}). Misclassification assertions need a {@code @ProbeOracle}.
 *
 * <pre>{@code
 * @InDistributionAdversarial(classes = {4, 7})
 * void fooled(ProbeAnswer a) { assertThat(a).hasPriorMassAtMost(0.01); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(value = AdversarialFactory.class, relaxation = Relaxation.SIGMA)
public @interface InDistributionAdversarial {

    /** Classes to probe; empty means every class some generator excludes. */
    int[] classes() default {};

    /** The model; empty: the only one. */
    String model() default "";

    /**
     * Target distance within which a sample attains the target (unset: configuration
     * {@code probe.tolerance}, then 0.1).
     */
    double tolerance() default Double.NaN;
}
