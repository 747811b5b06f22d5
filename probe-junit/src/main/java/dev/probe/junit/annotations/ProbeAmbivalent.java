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
 *
 * @ProbeAmbivalent(classes = {3, 5, 8})          // the 3 pairs among these classes
 * void tornAmongCats(ProbeAnswer a) { ... }
 *
 * static String[] confused() { return ConfusionMatrix.topPairs(validation, 10); }   // e.g. {"3:5", "4:9"}
 * @ProbeAmbivalent(pairsFrom = "confused")      // pairs computed when the template expands
 * void tornWhereValidationIs(ProbeAnswer a) { ... }
 * }</pre>
 *
 * <p>At most one of {@code pairs}, {@code classes} and {@code pairsFrom} is set: a many-class model's 4,950 pairs are
 * rarely what a team means.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(value = AmbivalentFactory.class, relaxation = Relaxation.SIGMA)
public @interface ProbeAmbivalent {

    /** Pairs as {@code "i:j"} of class indices; empty (and no {@code classes} or {@code pairsFrom}) means all pairs {@code i < j}. */
    String[] pairs() default {};

    /** All pairs {@code i < j} among these class indices, instead of among all classes. */
    int[] classes() default {};

    /**
     * The name of a static field or no-argument static method of the test class (or a superclass or enclosing class)
     * returning the pairs as {@code String[]} of {@code "i:j"} or {@code int[][]} of {@code {i, j}}, read when the
     * template expands: pairs chosen from data (a validation confusion matrix's largest off-diagonal cells).
     */
    String pairsFrom() default "";

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
