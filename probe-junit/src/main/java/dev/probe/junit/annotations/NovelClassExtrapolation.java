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
 * Novel-class extrapolation (BAYES-PROBE §3): samples, from a generator of classes the classifier never
 * saw ({@code generator}), the inputs the classifier assigns to one of its own classes with certainty,
 * one invocation per class ("novel class: generator c2 classified as 0").
 *
 * <pre>{@code
 * @NovelClassExtrapolation(generator = "c2")
 * void extrapolates(ProbeAnswer a) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(value = NovelClassFactory.class, relaxation = Relaxation.SIGMA)
public @interface NovelClassExtrapolation {

    /** The generator of the novel classes (required). */
    String generator();

    /** Classes of the classifier to probe; empty means all. */
    int[] classes() default {};

    /** The model; empty: the only one. */
    String model() default "";

    /**
     * Target distance within which a sample attains the target (unset: configuration
     * {@code probe.tolerance}, then 0.1).
     */
    double tolerance() default Double.NaN;
}
