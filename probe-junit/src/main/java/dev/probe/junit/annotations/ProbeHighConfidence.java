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
 * Samples inputs the model classifies as class {@code i} with certainty — the prediction level set
 * {@code f_i(x) = 1} (BAYES-PROBE eqs. 4–5), one invocation per class ("high confidence: class 7").
 *
 * <pre>{@code
 * @ProbeHighConfidence(classes = {1, 7})
 * void confident(ProbeAnswer a) { assertThat(a).hasMisclassificationRateAtMost(0.05); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(value = HighConfidenceFactory.class, relaxation = Relaxation.SIGMA)
public @interface ProbeHighConfidence {

    /** Classes to probe; empty means every class of the model. */
    int[] classes() default {};

    /** The model ({@code @ProbedModel} name); empty: the only one. */
    String model() default "";

    /** The generator ({@code @Generator} name); empty: the default one. */
    String generator() default "";

    /**
     * Target distance within which a sample attains the target (unset: configuration
     * {@code probe.tolerance}, then 0.1).
     */
    double tolerance() default Double.NaN;
}
