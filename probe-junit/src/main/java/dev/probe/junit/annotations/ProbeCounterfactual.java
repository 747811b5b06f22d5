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
 * Counterfactuals ("Generating Samples to Probe Trained Models" eq. 7): for each factual instance
 * {@code x_a} (rows of the static member named {@code factuals}), samples inputs the model assigns to
 * {@code target} while staying near {@code x_a} (localiser {@code λ Σ w_k |x_k − x_a,k|^r}). One
 * invocation per factual ("counterfactual #2: class 0 → 1").
 *
 * <pre>{@code
 * @ProbeCounterfactual(factuals = "applicants", target = 1, lambda = 2)
 * void flips(ProbeAnswer a) { assertThat(a).hasTargetAttainmentAtLeast(0.9); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(value = CounterfactualFactory.class, relaxation = Relaxation.TAU)
public @interface ProbeCounterfactual {

    /** Static field or no-argument static method of the test class returning {@code double[][]} factuals. */
    String factuals();

    /** Target class; -1 means the other class of a binary classifier. */
    int target() default -1;

    /** Localiser strength λ. */
    double lambda() default 1;

    /** Localiser power r. */
    double power() default 2;

    /**
     * Static field or method returning the localiser's per-feature weights {@code w_k} ({@code double[]}),
     * e.g. {@code 1/sd_k^r} to measure distance in standard deviations ({@code 1/sd_k²} at the default power 2,
     * {@code 1/sd_k} at power 1); empty means all weights 1.
     */
    String weights() default "";

    /** The model; empty: the only one. */
    String model() default "";

    /**
     * The generator: an {@code InputSpace}, or a {@code ProceduralSpace} for whole-number, boolean and categorical
     * features (its samples keep them whole); empty: the default one.
     */
    String generator() default "";

    /**
     * Target distance within which a sample attains the target (unset: configuration
     * {@code probe.tolerance}, then 0.1; with a {@link #cutoff}, 10⁻⁶).
     */
    double tolerance() default Double.NaN;

    /**
     * The decision's cut-off, in (0, 1): the target class's probability at which the decision is taken (needs an
     * explicit {@link #target}). Unset (NaN): the paper's fixed-label energy {@code ‖f(x) − e_target‖²/τ}, which pulls the
     * target class's probability toward 1 whatever the tolerance, so at a cut-off of 0.5 the closest attained sample can
     * lie far beyond the least change (a risk analyst's: 2.13 against an exact 1.18). Set: the energy
     * {@code max(0, cutoff − p_target)/τ} stops pulling at the cut-off, the localiser holds the samples at the boundary,
     * and a sample attains where {@code p_target ≥ cutoff} (target distance {@code max(0, cutoff − p_target)}): the
     * closest attained sample is then the least change that takes the decision (0.6709 against an exact 0.6708 on a
     * logistic regression). Give a small {@code tau} (e.g. 0.001) and a {@code lambda} below
     * {@code (cutoff − p_target(factual)) / d²} for the largest change {@code d} you would accept (crossing must cost the
     * localiser less than the shortfall it removes; e.g. 0.01 for changes up to 2 from p = 0.1 at a cut-off of 0.5): the
     * samples then gather within about {@code tau / (2·lambda·d)} beyond the boundary.
     */
    double cutoff() default Double.NaN;
}
